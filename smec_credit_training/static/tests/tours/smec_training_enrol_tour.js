import { registry } from "@web/core/registry";

// Relies on smec_credit_training/tests/test_portal_training.py: the published
// class "Credit Manager, Chengdu" is open for enrolment.

async function pngFile(name) {
    const canvas = document.createElement("canvas");
    canvas.width = 413;
    canvas.height = 579;
    const context = canvas.getContext("2d");
    context.fillStyle = "#d0d8e8";
    context.fillRect(0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    return new File([blob], name, { type: "image/png" });
}

async function setFiles(input, files) {
    const transfer = new DataTransfer();
    for (const file of files) {
        transfer.items.add(file);
    }
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

registry.category("web_tour.tours").add("smec_training_enrol_tour", {
    steps: () => [
        {
            content: "A visitor chooses the class",
            trigger: "select[name='class_id']:has(option:contains('Credit Manager, Chengdu'))",
            run: "selectByLabel Credit Manager, Chengdu",
        },
        {
            content: "writes the name as on the ID card",
            trigger: "input[name='name']",
            run: "edit Tour Trainee",
        },
        {
            content: "and the email the account is sent to",
            trigger: "input[name='email']",
            run: "edit tour.trainee@example.com",
        },
        {
            content: "uploads the ID card copy",
            trigger: "input[name='doc_id_copy']",
            async run() {
                await setFiles(this.anchor, [await pngFile("id-card.png")]);
            },
        },
        {
            content: "and the two photos",
            trigger: "input[name='doc_photos']",
            async run() {
                await setFiles(this.anchor, [await pngFile("photo-1.png"), await pngFile("photo-2.png")]);
            },
        },
        {
            content: "Enrol",
            trigger: "#smec_enrol_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The enrolment is received; the proof and the form are still to come",
            trigger: "#smec_enrol_done:contains('Still missing'):contains('tour.trainee@example.com')",
        },
    ],
});
