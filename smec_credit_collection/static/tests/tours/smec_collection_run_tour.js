import { registry } from "@web/core/registry";

// Relies on smec_credit_collection/tests/test_run_tour.py: "Tour Debtor Ltd"
// owes 1,500.00 due 35 days ago, so today's run sends the formal demand
// letter and its email.

registry.category("web_tour.tours").add("smec_collection_run_tour", {
    steps: () => [
        {
            content: "A Collection Manager starts a manual run",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "and previews it: nothing goes out yet",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_preview']",
            run: "click",
        },
        {
            content: "The preview lists the debtor's letter and email, as drafts, with the amount",
            trigger:
                ".o_field_widget[name='contact_ids'] .o_data_row:has(td[name='channel']:contains('Letter')):contains('Tour Debtor'):contains('1,500.00'):has(td[name='state']:contains('Draft'))",
        },
        {
            content: "Confirm and send",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The run is done, the letter sent",
            trigger:
                ".o_statusbar_status .o_arrow_button_current:contains('Done')",
        },
        {
            content: "Open the letter's contact",
            trigger:
                ".o_field_widget[name='contact_ids'] .o_data_row:has(td[name='channel']:contains('Letter')):has(td[name='state']:contains('Sent')) td[name='partner_id']",
            run: "click",
        },
        {
            content: "and its letter",
            trigger: ".modal .o_form_view button[name='action_open_letter']",
            run: "click",
        },
        {
            content: "The contact names its stored letter",
            trigger: ".modal .o_field_widget[name='letter_attachment_id']:contains('.pdf')",
        },
    ],
});
