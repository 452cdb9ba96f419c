import { registry } from "@web/core/registry";

// These tours rely on the data of smec_credit/tests/test_hold_tour.py: a
// customer with a limit of 1,000.00, an open invoice of 400.00 and a
// quotation of 700.00, so 1,100.00 with the order, 100.00 over the limit.

const tours = registry.category("web_tour.tours");

tours.add("smec_credit_hold_request_tour", {
    steps: () => [
        {
            content: "The held quotation says why, with its numbers",
            trigger:
                ".o_form_view .alert-danger:contains('Credit limit exceeded'):contains('1,100.00'):contains('1,000.00')",
        },
        {
            content: "The salesperson opens the customer's exposure breakdown",
            trigger: ".o_form_view button[name='action_smec_open_exposure']",
            run: "click",
        },
        {
            content: "Open receivables 400.00, nothing else yet: exposure 400.00 of 1,000.00, 600.00 available",
            trigger:
                ".modal:has(.o_field_widget[name='smec_exposure_receivable']:contains('400.00'))" +
                ":has(.o_field_widget[name='smec_exposure_orders']:contains(' 0.00'))" +
                ":has(.o_field_widget[name='smec_exposure']:contains('400.00'))" +
                ":has(.o_field_widget[name='smec_applied_limit']:contains('1,000.00'))" +
                ":has(.o_field_widget[name='smec_credit_available']:contains('600.00'))",
        },
        {
            content: "The breakdown is the exposure's lines, not the customer's form with its contacts",
            trigger: ".modal:not(:has(.o_notebook)):has(button[name='action_smec_open_orders'])",
        },
        {
            content: "Close the breakdown",
            trigger: ".modal .modal-footer button:contains('Close')",
            run: "click",
        },
        {
            content: "The salesperson tries to confirm anyway",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Refused: the dialog gives the reason, its numbers and the next step",
            trigger:
                ".modal:contains('is on credit hold'):contains('1,100.00'):contains('Request Credit Approval')",
        },
        {
            content: "Close the dialog",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Request a credit approval",
            trigger: ".o_form_view button[name='action_smec_request_approval']",
            run: "click",
        },
        {
            content: "The total to approve is the order's, 700.00, not 0.00",
            trigger: ".modal div[name='requested_total'] input:value(700.00)",
        },
        {
            content: "Say why the order should go ahead",
            trigger: ".modal div[name='request_note'] textarea",
            run: "edit The customer has paid within terms for three years",
        },
        {
            content: "Send the request",
            trigger: ".modal button[name='action_request']",
            run: "click",
        },
        {
            content: "The order shows that the request waits for a Credit Manager",
            trigger: ".o_form_view .alert-danger:contains('A credit approval has been requested.')",
        },
        {
            content: "and no longer offers to request one",
            trigger: ".o_form_view:not(:has(button[name='action_smec_request_approval']))",
        },
        {
            content: "Confirm again while the request waits",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Refused with what the request waits for, not asked to request one again",
            trigger:
                ".modal:contains('is on credit hold'):contains('waits for a Credit Manager'):not(:contains('click \"Request Credit Approval\"'))",
        },
        {
            content: "Close the dialog",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
    ],
});

tours.add("smec_credit_hold_decide_tour", {
    steps: () => [
        {
            content: "The Credit Manager sees the reasons of the hold and the justification",
            trigger:
                ".o_form_view:has(div[name='reasons']:contains('1,100.00')):has(div[name='request_note']:contains('three years'))",
        },
        {
            content: "Give the reason for the decision",
            trigger: ".o_form_view div[name='decision_note'] textarea",
            run: "edit Guaranteed by the director; approved for this order only",
        },
        {
            content: "Approve once",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_approve']",
            run: "click",
        },
        {
            content: "The approval is approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
    ],
});

tours.add("smec_credit_hold_confirm_tour", {
    steps: () => [
        {
            content: "The approved order is open",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
        },
        {
            content: "and no longer shown as held",
            trigger: ".o_form_view:not(:has(.alert-danger:contains('Credit hold.')))",
        },
        {
            content: "The salesperson confirms it",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        {
            content: "It is a sales order, which offers no credit approval request for itself",
            trigger:
                ".o_form_view:has(.o_statusbar_status button.o_arrow_button_current:contains('Sales Order'))" +
                ":not(:has(button[name='action_smec_request_approval']:contains('Request Credit Approval')))",
        },
    ],
});

// A confirmed order of 500.00 for the customer above (400.00 open): raising it
// to 700.00 would make the exposure 1,100.00, 100.00 over the limit.

function setLinePrice(price) {
    return [
        {
            content: "Open the order line's unit price",
            trigger: ".o_form_view .o_field_one2many[name='order_line'] .o_data_row td[name='price_unit']",
            run: "click",
        },
        {
            content: `Raise the unit price to ${price}`,
            trigger: ".o_form_view .o_data_row.o_selected_row td[name='price_unit'] input",
            run: `edit ${price}`,
        },
        {
            content: "Save the order",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
    ];
}

tours.add("smec_credit_amendment_request_tour", {
    steps: () => [
        ...setLinePrice("700"),
        {
            content: "Refused: the dialog gives the new total, the reasons and the next step",
            trigger:
                ".modal:contains('raises confirmed order'):contains('700.00'):contains('1,100.00')" +
                ":contains('Request Approval of a Higher Total')",
        },
        {
            content: "Close the dialog",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Discard the refused change",
            trigger: ".o_form_view .o_form_button_cancel",
            run: "click",
        },
        {
            content: "The confirmed order offers a credit approval for a new total",
            trigger: ".o_form_view button[name='action_smec_request_approval']",
            run: "click",
        },
        {
            content: "Ask for the new total",
            trigger: ".modal div[name='requested_total'] input",
            run: "edit 700",
        },
        {
            content: "Say why",
            trigger: ".modal div[name='request_note'] textarea",
            run: "edit Two more pallets for the same site",
        },
        {
            content: "Send the request",
            trigger: ".modal button[name='action_request']",
            run: "click",
        },
        {
            content: "The request is on the order's Credit tab",
            trigger: ".o_form_view .o_notebook a.nav-link[name='smec_credit']",
            run: "click",
        },
        {
            content: "with the total asked for",
            trigger:
                ".o_form_view .o_field_one2many[name='smec_approval_ids'] .o_data_row:contains('700.00'):contains('Requested')",
        },
    ],
});

tours.add("smec_credit_amendment_after_approval_tour", {
    steps: () => [
        ...setLinePrice("700"),
        {
            content: "Saved: the order's total is now 700.00",
            trigger:
                ".o_form_view:has(.o_form_status_indicator_buttons.invisible)" +
                " .o_field_widget[name='tax_totals']:contains('700.00')",
        },
    ],
});

tours.add("smec_credit_warn_only_tour", {
    steps: () => [
        {
            content: "A company that only warns shows the reasons as a warning, not as a hold",
            trigger:
                ".o_form_view:has(.alert-warning:contains('Credit warning'):contains('1,100.00'))" +
                ":not(:has(.alert-danger:contains('Credit hold.')))" +
                ":not(:has(button[name='action_smec_request_approval']))",
        },
        {
            content: "The salesperson confirms the order",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_confirm']",
            run: "click",
        },
        {
            content: "It is a sales order, and no approval is offered for amendments: they only warn too",
            trigger:
                ".o_form_view:has(.o_statusbar_status button.o_arrow_button_current:contains('Sales Order'))" +
                ":not(:has(button[name='action_smec_request_approval']))",
        },
    ],
});
