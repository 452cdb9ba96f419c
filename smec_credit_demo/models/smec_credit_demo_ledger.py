from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models

# the demo ledger: (name, tier 0-3 = A-D, monthly sales, days late when paying, share of the last invoice paid)
DEMO_CUSTOMERS = [
    ("佛山华美陶瓷有限公司 (Foshan Huamei Ceramics)", 0, 60000, 0, 1.0),
    ("广州金盛建材有限公司 (Guangzhou Jinsheng Building Materials)", 0, 45000, -3, 1.0),
    ("深圳鹏程装饰工程有限公司 (Shenzhen Pengcheng Decoration)", 0, 80000, 0, 1.0),
    ("东莞宏达五金有限公司 (Dongguan Hongda Hardware)", 0, 30000, 2, 1.0),
    ("中山安居家居有限公司 (Zhongshan Anju Home)", 0, 25000, 0, 1.0),
    ("珠海海湾建设有限公司 (Zhuhai Bay Construction)", 0, 70000, 1, 1.0),
    ("江门新会石材有限公司 (Jiangmen Xinhui Stone)", 1, 20000, 0, 1.0),
    ("惠州恒通管业有限公司 (Huizhou Hengtong Pipes)", 1, 18000, 2, 1.0),
    ("肇庆端州装修有限公司 (Zhaoqing Duanzhou Renovation)", 1, 15000, 0, 0.5),
    ("清远北江建材商行 (Qingyuan Beijiang Building Supplies)", 1, 12000, 3, 1.0),
    ("汕头潮汕瓷砖批发部 (Shantou Chaoshan Tiles)", 1, 22000, 1, 1.0),
    ("湛江南海装饰材料有限公司 (Zhanjiang Nanhai Decor)", 1, 16000, 0, 0.6),
    ("韶关丹霞建筑有限公司 (Shaoguan Danxia Builders)", 1, 26000, 2, 1.0),
    ("茂名石化配套工程有限公司 (Maoming Petrochem Services)", 1, 19000, 0, 1.0),
    ("梅州客家建材有限公司 (Meizhou Hakka Building Materials)", 2, 9000, 35, 0.4),
    ("阳江刀具城装饰店 (Yangjiang Decor Shop)", 2, 6000, 45, 0.0),
    ("河源万绿家装有限公司 (Heyuan Wanlv Home Improvement)", 2, 8000, 40, 0.5),
    ("云浮石艺加工厂 (Yunfu Stonework Factory)", 2, 7000, 60, 0.3),
    ("潮州瓷都贸易行 (Chaozhou Porcelain Trading)", 2, 5000, 30, 0.0),
    ("揭阳榕城建材店 (Jieyang Rongcheng Building Supplies)", 2, 6500, 50, 0.5),
    ("汕尾海丰装修队 (Shanwei Haifeng Renovation Team)", 3, 4000, 120, 0.0),
    ("佛山南海小作坊 (Foshan Nanhai Workshop)", 3, 3000, 150, 0.0),
    ("广州白云临时工程部 (Guangzhou Baiyun Site Office)", 3, 5000, 100, 0.2),
]
TIER_NUMBERS = {"Years in business": [15, 7, 3, 1], "Paid-up capital": [6000, 2000, 300, 50]}
# the suppliers: (name, tier 0-2 = A-C)
DEMO_SUPPLIERS = [
    ("广东东鹏陶瓷股份有限公司 (Guangdong Dongpeng Ceramics)", 0),
    ("佛山新明珠建陶工业有限公司 (Foshan New Pearl Ceramics)", 1),
    ("清远小型瓷砖厂 (Qingyuan Small Tile Works)", 2),
]


class SmecCreditDemoLedger(models.AbstractModel):
    """Demo data only: a year of the wholesaler's ledger and the credit manager's decisions on it."""

    _name = "smec.credit.demo.ledger"
    _description = "Credit Demo Ledger"

    @api.model
    def _smec_demo_ledger(self, product_id, salesperson_id=None):
        """A year of a wholesaler's ledger: customers A to D, each assessed and approved on answers that explain
        its grade, invoices paid on time, late, in part or not at all (every aging bucket filled), a quotation
        held with its request waiting, a temporary limit increase approved, the month's review proposals, twelve
        months of KPI snapshots and last month-end's provision posted. Dates follow the day the database is made."""
        company = self.env.company
        today = fields.Date.context_today(self)
        admin = self.env.ref("base.user_admin")
        customers = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "city": name.split("(")[-1].split()[0],
                    # the best customers are the big ones: the full 5C; the others the quick check
                    "smec_expected_yearly_sales": 1500000 if tier < 2 else monthly * 12,
                    "user_id": salesperson_id,
                }
                for name, tier, monthly, _late, _paid in DEMO_CUSTOMERS
            ]
        )
        # an invoice each quarter, the last one 20 to 79 days ago; each paid ``late`` days after its due date
        # (created, posted and paid in batches: one at a time took most of a minute)
        invoices, settlements = [], []
        for index, (partner, (_name, tier, monthly, late, last_paid)) in enumerate(
            zip(customers, DEMO_CUSTOMERS, strict=True)
        ):
            for quarter in range(4):
                invoice_date = today - relativedelta(months=3 * quarter, days=20 + (index * 11) % 60)
                invoices.append(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_date": invoice_date,
                        "invoice_date_due": invoice_date + timedelta(days=30),
                        "invoice_line_ids": [
                            Command.create({"product_id": product_id, "quantity": monthly * 3 / 150, "price_unit": 150})
                        ],
                    }
                )
                share = last_paid if quarter <= 1 else (1.0 if tier < 3 else 0.0)
                settlements.append((invoice_date + timedelta(days=30 + late), share))
        moves = self.env["account.move"].create(invoices)
        moves.action_post()
        self._smec_demo_pay(
            [
                (move, paid_on, share)
                for move, (paid_on, share) in zip(moves, settlements, strict=True)
                if share and paid_on <= today
            ]
        )
        self._smec_demo_assessments(customers, admin)
        worst = customers[-1]
        self.env["smec.credit.risk.flag"].create(
            {
                "partner_id": worst.id,
                "flag_type": "dishonest_debtor",
                "source": "中国执行信息公开网",
                "reference": "(2026)粤0111执1234号",
                "note": _("Listed as a dishonest judgment debtor after a supplier's suit: no credit sale."),
            }
        )
        self._smec_demo_suppliers(admin)
        self._smec_demo_decisions(customers, product_id, admin, salesperson_id)
        self.env["smec.credit.proposal"]._review_company(company, today=today)
        Kpi = self.env["smec.credit.kpi.snapshot"]
        for months in range(12, 0, -1):
            date_to = today.replace(day=1) - relativedelta(months=months - 1) - timedelta(days=1)
            Kpi._snapshot(company, date_to.replace(day=1), date_to)
        self._smec_demo_provision(company, today.replace(day=1) - timedelta(days=1), admin)
        return customers

    def _smec_demo_pay(self, settlements):
        """Payments ``[(invoice, date, share of its total)]`` on the bank journal, posted together, each
        reconciled with its invoice."""
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=1
        )
        payments = self.env["account.payment"].create(
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": move.partner_id.id,
                    "amount": move.currency_id.round(move.amount_total * share),
                    "date": paid_on,
                    "journal_id": journal.id,
                    "memo": move.name,
                }
                for move, paid_on, share in settlements
            ]
        )
        payments.action_post()
        for payment, (move, _paid_on, _share) in zip(payments, settlements, strict=True):
            (payment.move_id.line_ids | move.line_ids).filtered(
                lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
            ).reconcile()

    def _smec_demo_decisions(self, customers, product_id, approver, salesperson_id=None):
        """A quotation of a grade-C customer held over its limit with its request waiting; one of a grade-B customer
        approved once with a temporary limit increase."""
        by_grade = {}
        for partner in customers:
            by_grade.setdefault(partner.smec_grade_id.code, partner)
        Order = self.env["sale.order"]
        Approval = self.env["smec.credit.approval"]
        for code, note, decide in (
            (
                "C",
                _("A large tile order for a new housing estate; the customer promises to clear last quarter."),
                False,
            ),
            ("B", _("Season's stock for the spring fair; paid within terms all year."), True),
        ):
            partner = by_grade.get(code)
            if not partner:
                continue
            limit = partner.smec_applied_limit or 20000
            order = Order.create(
                {
                    "partner_id": partner.id,
                    "user_id": salesperson_id,
                    "order_line": [
                        Command.create({"product_id": product_id, "product_uom_qty": round(limit * 1.5 / 150) or 10})
                    ],
                }
            )
            if not order._smec_credit_gate(lock=False)[order]:
                continue  # within its limit after all: nothing to approve
            # asked by the salesperson, as from the quotation's button
            requester = Approval.with_user(salesperson_id) if salesperson_id else Approval
            approval = requester.create({"order_id": order.id, "request_note": note})
            approval.action_request()
            if decide:
                approval = approval.with_user(approver)
                approval.write(
                    {
                        "decision": "temporary",
                        # what the exposure with this order needs over the limit
                        "temp_limit_increase": partner.smec_exposure + order.amount_total - partner.smec_applied_limit,
                        "temp_until": fields.Date.add(fields.Date.context_today(self), days=30),
                        "decision_note": _("Until the spring fair's stock is paid."),
                    }
                )
                approval.action_approve()
                order.action_confirm()

    def _smec_demo_provision(self, company, month_end, approver):
        """Last month-end's expected-credit-loss provision, posted (CAS 22), on the accounts the set-up found on
        the company's chart (坏账准备 1231, 信用减值损失 6721)."""
        run = (
            self.env["smec.credit.provision.run"]
            .with_user(approver)
            .create({"company_id": company.id, "date": month_end})
        )
        run.action_post()

    def _smec_demo_suppliers(self, approver):
        """A few suppliers, assessed on the supplier scorecard: a strategic one, a reliable one, and a small
        single-source works that scores D (buy from it only against delivery)."""
        suppliers = self.env["res.partner"].create(
            [{"name": name, "is_company": True, "supplier_rank": 1} for name, _tier in DEMO_SUPPLIERS]
        )
        tiers = dict(DEMO_SUPPLIERS)
        self._smec_demo_assessments(suppliers, approver, tiers, role="supplier")
        return suppliers

    def _smec_demo_assessments(self, partners, approver, tiers=None, role="customer"):
        """Each partner assessed on answers of its tier (the best options for A, the worst for D), submitted and
        approved by the admin (who did not prepare them)."""
        tiers = tiers or {name: tier for name, tier, *_rest in DEMO_CUSTOMERS}
        for partner in partners:
            tier = tiers[partner.name]
            assessment = self.env["smec.credit.assessment"].create({"partner_id": partner.id, "partner_role": role})
            for answer in assessment.answer_ids.filtered(lambda a: a.criterion_id.source == "manual"):
                criterion = answer.criterion_id
                if criterion.kind == "number":
                    values = TIER_NUMBERS.get(criterion.with_context(lang="en_US").name)
                    if values:
                        answer.value = values[tier]
                else:
                    options = criterion.option_ids.sorted(lambda o: -o.score)
                    answer.option_id = options[min(tier, len(options) - 1)]
            assessment.action_submit()
            assessment.with_user(approver).action_approve()
        # the grades' terms, proposed by the approvals, accepted by the credit manager
        self.env["smec.credit.proposal"].search(
            [("origin", "=", "assessment"), ("state", "=", "pending"), ("partner_id", "in", partners.ids)]
        ).with_user(approver).action_accept()
