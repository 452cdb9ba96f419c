"""The third-party stage (60 days): a lawyer's letter signed by the company's law
firm, proposing mediation, or the company's own final notice without one; a
run with letters of both templates prints as one PDF, once they went out."""

import io
import re
import unicodedata
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.pdf import PdfReader

from .test_dunning import DUE, DunningCommon


def pdf_text(pdf):
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


@tagged("post_install", "-at_install")
class TestLawyerLetter(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.lang = "en_US"
        Partner = cls.env["res.partner"]
        cls.firm = Partner.create(
            {"name": "Zhonglun Partners Law Firm", "is_company": True, "street": "1 Fuxing Road", "city": "Shanghai"}
        )
        cls.mediator = Partner.create(
            {
                "name": "Pudong Commercial Mediation Centre",
                "is_company": True,
                "street": "88 Century Avenue",
                "city": "Shanghai",
                "phone": "021 5000 1234",
            }
        )
        cls.lawyer_report = cls.env.ref("smec_credit_collection.action_report_lawyer_letter")
        cls.demand_report = cls.env.ref("smec_credit_collection.action_report_dunning_letter")

    def letter_on_day_60(self, amount):
        """A customer's invoice 60 days overdue, the formal demand of day 30
        unpaid: the scheduled run leaves the stage's letter waiting for a
        Collection Manager, who sends it."""
        invoice = self.make_invoice(self.customer, amount, DUE - timedelta(days=90), DUE)
        self.reached(self.customer, 30, DUE + timedelta(days=30))
        day = DUE + timedelta(days=60)
        self.run_day(day)
        letter = self.Contact.search(
            [("partner_id", "=", self.customer.id), ("channel", "=", "letter"), ("date", "=", day)]
        )
        self.assertEqual(letter.state, "waiting", "the stage waits for a Collection Manager")
        with freeze_time(f"{day} 03:00:00"):
            letter.with_context(force_report_rendering=True).action_send()
        self.assertEqual(letter.state, "sent")
        return invoice, letter

    def test_the_default_plan_sends_a_lawyers_letter_at_60_days(self):
        self.assertEqual(self.stage[60].letter_report_id, self.lawyer_report)
        self.assertEqual(self.stage[30].letter_report_id, self.demand_report)

    def test_a_lawyers_letter_signed_by_the_firm_proposes_mediation(self):
        self.company.write({"smec_lawyer_id": self.firm.id, "smec_mediator_id": self.mediator.id})
        invoice, letter = self.letter_on_day_60(2345.6)
        text = pdf_text(letter.letter_attachment_id.raw)
        for expected in (
            "Lawyer's Letter",
            f"Zhonglun Partners Law Firm writes to you on behalf of its client {self.company.name} about the price",
            "Articles 577 and 579 of the Civil Code",
            "our client has instructed us to apply to the people's court for a payment order",
            "mediation by Pudong Commercial Mediation Centre (88 Century Avenue, Shanghai), telephone 021 5000 1234",
            invoice.name,
            "2,345.60",
            letter.name,
            f"On behalf of {self.company.name}",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Final Notice", text)
        # a legal file opened later proposes the same firm
        legal = self.env["smec.collection.legal.file"].create({"partner_id": self.customer.id})
        self.assertEqual(legal.lawyer_id, self.firm)

    def test_without_a_law_firm_the_letter_is_the_companys_final_notice(self):
        _invoice, letter = self.letter_on_day_60(800)
        text = pdf_text(letter.letter_attachment_id.raw)
        self.assertIn("Final Notice before Legal Action", text)
        self.assertIn("we will apply to the people's court for a payment order", text)
        self.assertIn("we are open to mediation", text)
        self.assertNotIn("Lawyer's Letter", text)
        self.assertNotIn("on behalf of its client", text)

    def test_a_run_of_demand_and_lawyers_letters_prints_as_one_pdf(self):
        """On day 30 of one customer and day 60 of another (its demand of day 30
        unpaid), the run holds a demand letter (sent) and a lawyer's letter
        (waiting for a manager): Print Letters gives the demand letter only,
        which went out. Once a manager sent the lawyer's letter the same day, it
        gives both, each in its own template, as one PDF of two pages."""
        other = self.customer.copy({"name": "Second Debtor Ltd", "email": "ap@second.example.com"})
        self.make_invoice(self.customer, 500, DUE - timedelta(days=30), DUE)
        self.make_invoice(other, 700, DUE - timedelta(days=60), DUE - timedelta(days=30))
        self.reached(other, 30, DUE)
        with freeze_time(f"{DUE + timedelta(days=30)} 02:00:00"):
            self.env["smec.collection.run"].with_context(force_report_rendering=True)._cron_run()
        letters = self.Contact.search(
            [
                ("partner_id", "in", (self.customer | other).ids),
                ("channel", "=", "letter"),
                ("date", "=", DUE + timedelta(days=30)),
            ]
        )
        self.assertEqual(
            {(c.partner_id, c._letter_report(), c.state) for c in letters},
            {(self.customer, self.demand_report, "sent"), (other, self.lawyer_report, "waiting")},
        )
        run = letters.run_id
        action = run.action_print_letters()
        self.assertEqual(action["url"], f"/smec_collection/run/{run.id}/letters")
        [page] = PdfReader(io.BytesIO(run._letters_pdf())).pages
        text = re.sub(r"\s+", " ", page.extract_text())
        self.assertIn(self.customer.name, text)
        self.assertNotIn("Second Debtor Ltd", text)
        with freeze_time(f"{DUE + timedelta(days=30)} 03:00:00"):
            letters.filtered(lambda c: c.state == "waiting").with_context(force_report_rendering=True).action_send()
        self.assertEqual(letters.run_id, run, "sent the same day: in the day's run")
        reader = PdfReader(io.BytesIO(run._letters_pdf()))
        self.assertEqual(len(reader.pages), 2)
        pages = [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]
        self.assertIn("Second Debtor Ltd", next(p for p in pages if "Final Notice before Legal Action" in p))
        self.assertIn(self.customer.name, next(p for p in pages if "Final Notice" not in p))

    def test_lawyers_letters_sent_together_are_converted_in_one_call(self):
        """Two customers at 60 days, sent together by the manager: one conversion
        of one document (what Debian's wkhtmltopdf, with its unpatched Qt, can
        do), split into each customer's stored letter."""
        other = self.customer.copy({"name": "Second Debtor Ltd", "email": "ap@second.example.com"})
        for partner in self.customer | other:
            self.make_invoice(partner, 900, DUE - timedelta(days=90), DUE)
            self.reached(partner, 30, DUE + timedelta(days=30))
        day = DUE + timedelta(days=60)
        self.run_day(day)
        letters = self.Contact.search(
            [("partner_id", "in", (self.customer | other).ids), ("channel", "=", "letter"), ("date", "=", day)]
        )
        Report = type(self.env["ir.actions.report"])
        real = Report._run_wkhtmltopdf
        documents = []

        def run_wkhtmltopdf(report, bodies, *args, **kwargs):
            documents.append(len(bodies))
            return real(report, bodies, *args, **kwargs)

        with freeze_time(f"{day} 03:00:00"), patch.object(Report, "_run_wkhtmltopdf", run_wkhtmltopdf):
            letters.with_context(force_report_rendering=True).action_send()
        self.assertEqual(documents, [1])
        self.assertEqual(set(letters.mapped("state")), {"sent"})
        for letter in letters:
            text = pdf_text(letter.letter_attachment_id.raw)
            self.assertIn(letter.partner_id.name, text)
            self.assertIn(letter.name, text.replace(" ", ""))

    def test_a_chinese_customer_reads_the_lawyers_letter_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["smec_credit_collection"], ["zh_CN"])
        self.customer.lang = "zh_CN"
        self.company.smec_lawyer_id = self.firm
        _invoice, letter = self.letter_on_day_60(1000)
        # the text layer maps some glyphs to radicals: Kangxi ones (NFKC undoes them) and
        # U+2EA0 for 民, which no normalisation maps back
        text = unicodedata.normalize("NFKC", pdf_text(letter.letter_attachment_id.raw))
        text = text.replace(" ", "").replace("\u2ea0", "民")
        for expected in (
            "律师函",
            f"Zhonglun Partners Law Firm受其委托人{self.company.name}委托",
            "第五百七十七条",
            "本所已受委托人指示向人民法院申请支付令",
            "我方愿意通过调解解决",
        ):
            self.assertIn(expected.replace(" ", ""), text)
