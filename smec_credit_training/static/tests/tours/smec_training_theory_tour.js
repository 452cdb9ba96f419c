import { registry } from "@web/core/registry";
import { patch } from "@web/core/utils/patch";

// Relies on smec_credit_training/tests/test_portal_training.py: Alice Trainee is
// registered for a prepared session, so My Training links her theory paper.
// She answers every question with its first choice; the test knows from the
// drawn paper which of those are right, and so the score she must get.

const SECTIONS = [
    "Regulations",
    "Building a Credit System",
    "Customer Credit",
    "Receivables",
    "Collection",
    "Credit Policy",
    "Risk Control",
    "SME Special Cases",
    "Digital Tools",
];

function sectionSteps(title, index) {
    const last = index === SECTIONS.length - 1;
    return [
        {
            content: `answers the three questions of ${title} with their first choice`,
            trigger: `h2.o_survey_title:contains("${title}")`,
            run() {
                for (const question of document.querySelectorAll(".js_question-wrapper")) {
                    question.querySelector("label.o_survey_choice_btn").click();
                }
            },
        },
        {
            content: last ? "hands the paper in" : "goes on to the next module",
            trigger: `button[type="submit"][value="${last ? "finish" : "next"}"]:not(.disabled)`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("smec_training_theory_tour", {
    steps: () => [
        {
            content: "The trainee opens her theory paper from My Training",
            trigger: "#smec_training_sessions a:contains('Theory exam')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "no fading between pages",
            trigger: "button.btn-primary:contains('Start Certification')",
            run() {
                const module = odoo.loader.modules.get("@survey/interactions/survey_form");
                patch(module.SurveyForm.prototype, {
                    submitForm() {
                        this.fadeInOutDelay = 0;
                        return super.submitForm(...arguments);
                    },
                });
            },
        },
        {
            content: "and starts it",
            trigger: "button.btn-primary:contains('Start Certification')",
            run: "click",
        },
        ...SECTIONS.flatMap(sectionSteps),
        {
            content: "confirms she hands it in",
            trigger: ".modal-footer button.btn-primary:contains('Submit')",
            run: "click",
        },
        {
            content: "The paper is scored",
            trigger: "h1:contains('You scored')",
        },
    ],
});
