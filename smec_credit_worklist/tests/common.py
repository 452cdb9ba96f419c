"""Five customers of one collector, their worklist worked by hand, as of D = today.

Payment history (each invoice paid on D, so each weighs 1 in the forecast's behaviour model; "late" = paid 10
days after its due date, "on time" = paid 5 days before it):
  Anshan (A)  4 paid, 1 late   -> its own share paid late or not at all: 1/4 = 25 %
  Baiyun (B)  4 paid, 2 late   -> 2/4 = 50 %
  Cuiping (C) 4 paid, 3 late   -> 3/4 = 75 %
  Dongli (D)  none             -> the company's: 6 late of the 16 invoices paid = 37.5 %
  Erqi (E)    4 paid, 0 late   -> 0 %

Open today (company currency):
  A 10,000 due D-20, of which 2,000 disputed (an open dispute)  -> at risk 8,000
  B  6,000 due D-10                                              -> at risk 6,000
  C  3,000 due D-30 and 2,000 due D+10 (not yet due)             -> at risk 3,000
  D  4,000 due D-5                                               -> at risk 4,000
  E 20,000 due D-15                                              -> at risk 20,000

What a call is worth = at risk x share:
  B 6,000 x 50 % = 3,000;  C 3,000 x 75 % = 2,250;  A 8,000 x 25 % = 2,000;  D 4,000 x 37.5 % = 1,500;
  E 20,000 x 0 % = 0.  The collector's list: B, C, A, D, E.
"""

from datetime import timedelta

from odoo import Command

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_credit.tests.common import SmecCreditCommon


class WorklistCommon(SmecCreditCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("smec_credit_collection.group_collection_manager")
        cls.D = cls.today
        agent = "smec_credit_collection.group_collection_agent"
        cls.collector = cls._user("smec_wl_collector", agent)
        cls.collector_2 = cls._user("smec_wl_collector_2", agent)
        cls.manager = cls._user("smec_wl_manager", "smec_credit_collection.group_collection_manager")
        Partner = cls.env["res.partner"]
        cls.a, cls.b, cls.c, cls.d, cls.e = (
            Partner.create({"name": name, "is_company": True})
            for name in ("Anshan Steel", "Baiyun Trading", "Cuiping Glass", "Dongli Tools", "Erqi Stone")
        )
        for partner in (cls.a, cls.b, cls.c, cls.d, cls.e):
            partner.with_company(cls.company).smec_collector_id = cls.collector
        for partner, late in ((cls.a, 1), (cls.b, 2), (cls.c, 3), (cls.e, 0)):
            for index in range(4):
                due = -10 if index < late else 5
                invoice = cls.invoice(partner, 100, due)
                cls.pay(invoice, 100, cls.D)
        cls.open_a = cls.invoice(cls.a, 10000, -20)
        cls.open_b = cls.invoice(cls.b, 6000, -10)
        cls.open_c = cls.invoice(cls.c, 3000, -30)
        cls.invoice(cls.c, 2000, 10)
        cls.open_d = cls.invoice(cls.d, 4000, -5)
        cls.open_e = cls.invoice(cls.e, 20000, -15)
        cls.dispute = cls.env["smec.collection.dispute"].create(
            {
                "name": "Rusted sheets",
                "partner_id": cls.a.id,
                "line_ids": [Command.create({"move_id": cls.open_a.id, "amount": 2000})],
            }
        )
        cls.forecast = cls.env["smec.credit.forecast"].create({"company_id": cls.company.id, "date": cls.D})
        cls.forecast.action_compute()
        cls.Worklist = cls.env["smec.credit.worklist"]
        cls.Worklist._build(cls.company)

    @classmethod
    def day(cls, offset):
        return cls.D + timedelta(days=offset)

    @classmethod
    def invoice(cls, partner, amount, due):
        return cls.make_invoice(partner, amount, cls.day(min(due, 0) - 30), cls.day(due))

    def rows(self, user=None, todo=True):
        """Today's rows as ``user`` sees them, in the list's order."""
        Worklist = self.Worklist.with_user(user) if user else self.Worklist
        domain = [("date", "=", self.D), ("company_id", "=", self.company.id)]
        if todo:
            domain.append(("done", "=", False))
        return Worklist.search(domain)

    def row(self, partner):
        return self.Worklist.search([("date", "=", self.D), ("partner_id", "=", partner.id)])
