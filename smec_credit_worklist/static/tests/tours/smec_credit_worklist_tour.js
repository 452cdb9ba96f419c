import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// This tour relies on the data of smec_credit_worklist/tests/common.py: the collector's five customers ranked
// B (Baiyun Trading, worth 3,000.00), C (Cuiping Glass, 2,250.00), A, D, E.

registry.category("web_tour.tours").add("smec_credit_worklist_no_answer_tour", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "The collector opens Collection",
            trigger: ".o_app[data-menu-xmlid='smec_credit_collection.smec_collection_menu_root']",
            run: "click",
        },
        {
            content: "and its Worklist",
            trigger: ".o_navbar [data-menu-xmlid='smec_credit_worklist.smec_credit_worklist_menu']",
            run: "click",
        },
        {
            content: "Five customers to call, the call worth most first: Baiyun Trading, 3,000.00",
            trigger:
                ".o_list_view:has(.o_data_row:nth-child(5)):not(:has(.o_data_row:nth-child(6)))" +
                " .o_data_row:nth-child(1):contains('Baiyun Trading'):contains('3,000.00')",
        },
        {
            content: "Nobody answers at Baiyun Trading",
            trigger: ".o_list_view .o_data_row:nth-child(1):contains('Baiyun Trading') button[name='action_no_answer']",
            run: "click",
        },
        {
            content: "Cuiping Glass, not called yet, is now at the top",
            trigger: ".o_list_view .o_data_row:nth-child(1):contains('Cuiping Glass'):contains('2,250.00')",
        },
        {
            content: "Baiyun Trading dropped to the bottom, its outcome No answer, still to call",
            trigger:
                ".o_list_view:not(:has(.o_data_row:nth-child(6)))" +
                " .o_data_row:nth-child(5):contains('Baiyun Trading'):contains('No answer')" +
                ":has(button[name='action_no_answer'])",
        },
        {
            content: "Open Baiyun Trading's row",
            trigger: ".o_list_view .o_data_row:nth-child(5) td[name='partner_id']",
            run: "click",
        },
        {
            content: "One call counted",
            trigger:
                ".o_form_view:has(.o_field_widget[name='partner_id']:contains('Baiyun Trading'))" +
                " .o_field_widget[name='attempts']:contains('1')",
        },
    ],
});
