"""A ten-invoice ledger whose forecast is worked out by hand (test_forecast.py), as of D = today.

History, half-life 90 days (weights 0.5 ** (days since paid / 90)):
  Anshan Steel (A): paid 10 days late on D (weight 1), 30 days late 90 days before (0.5), on its due date
      180 days before (0.25): 3 invoices, its own sample {0: 0.25, 10: 1, 30: 0.5}, total 1.75;
      cumulative shares 1/7, 5/7, 1: p10 0, median 10, p90 30 days late.
  Baiyun Trading (B): one invoice paid 20 days late on D (weight 1): too little history (minimum 3), it
      follows the company's sample {0: 0.25, 10: 1, 20: 1, 30: 0.5}, total 2.75; cumulative shares
      1/11, 5/11, 9/11, 1: p10 10, median 20, p90 30 days late.
  Cuiping Glass (C): no paid invoice: the company's sample.
Promises settled in the last 12 months: B one kept and one broken (50 %), C one kept (100 %): the
company's rate is 2 of 3; A has none and takes the company's.

The ten open invoices (amount, due date as days from D):
  1 A 1,000 D+5     2 A 2,000 D-15     3 A 500 D-40     4 A 800 D+10, 300 of it disputed
  5 B 1,100 D+1     6 B 1,500 D-5, a promise of 1,000 on D+7     7 B 600 D-20, claimed by a legal file
  8 C 2,200 D+20    9 C 350 EUR (700 at 0.5 EUR a yuan) D+3     10 C 1,000 D-60
"""

from datetime import timedelta

from odoo import Command

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


class ForecastCommon(SmecCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("smec_credit_collection.group_collection_manager")
        cls.D = cls.today
        cls.eur = cls.setup_other_currency("EUR", rates=[("2000-01-01", 0.5)])
        Partner = cls.env["res.partner"]
        cls.a = Partner.create({"name": "Anshan Steel", "is_company": True})
        cls.b = Partner.create({"name": "Baiyun Trading", "is_company": True})
        cls.c = Partner.create({"name": "Cuiping Glass", "is_company": True})
        # history: (customer, amount, due, paid) in days from D
        for partner, due, paid in ((cls.a, -10, 0), (cls.a, -120, -90), (cls.a, -180, -180), (cls.b, -20, 0)):
            invoice = cls.invoice(partner, 100, due)
            cls.pay(invoice, 100, cls.day(paid))
        cls.open = [
            cls.invoice(cls.a, 1000, 5),
            cls.invoice(cls.a, 2000, -15),
            cls.invoice(cls.a, 500, -40),
            cls.invoice(cls.a, 800, 10),
            cls.invoice(cls.b, 1100, 1),
            cls.invoice(cls.b, 1500, -5),
            cls.invoice(cls.b, 600, -20),
            cls.invoice(cls.c, 2200, 20),
            cls.invoice(cls.c, 350, 3, currency=cls.eur),
            cls.invoice(cls.c, 1000, -60),
        ]
        Promise = cls.env["smec.collection.promise"]
        for partner, state, settled, invoice in (
            (cls.b, "kept", -30, cls.open[4]),
            (cls.b, "broken", -60, cls.open[4]),
            (cls.c, "kept", -10, cls.open[7]),
        ):
            # made open today (what a promise's checks accept), then dated back and settled as it was
            Promise.sudo().create(
                {
                    "partner_id": partner.id,
                    "invoice_ids": [Command.set(invoice.ids)],
                    "line_ids": [Command.create({"date": cls.day(5), "amount": 100})],
                }
            ).write({"date": cls.day(settled - 20), "state": state, "date_settled": cls.day(settled)})
        cls.promise = Promise.create(
            {
                "partner_id": cls.b.id,
                "invoice_ids": [Command.set(cls.open[5].ids)],
                "line_ids": [Command.create({"date": cls.day(7), "amount": 1000})],
            }
        )
        cls.dispute = cls.env["smec.collection.dispute"].create(
            {
                "name": "Scratched steel",
                "partner_id": cls.a.id,
                "line_ids": [Command.create({"move_id": cls.open[3].id, "amount": 300})],
            }
        )
        cls.legal = cls.env["smec.collection.legal.file"].create(
            {"partner_id": cls.b.id, "invoice_ids": [Command.set(cls.open[6].ids)]}
        )

    @classmethod
    def day(cls, offset):
        return cls.D + timedelta(days=offset)

    @classmethod
    def invoice(cls, partner, amount, due, currency=None):
        return cls.make_invoice(partner, amount, cls.day(min(due, 0) - 30), cls.day(due), currency=currency)

    def new_forecast(self, user=None, **values):
        Forecast = self.env["smec.credit.forecast"]
        if user:
            Forecast = Forecast.with_user(user)
        return Forecast.create({"company_id": self.company.id, "date": self.D, **values})
