# ruff: noqa: RUF001, E501 - Chinese texts, with Chinese punctuation, are kept whole
"""The default dunning plan that every company gets: the lawful sequence of
DOMAIN.md section 6, its wording per customer type and its call scripts, in
English, simplified and traditional Chinese (written once per company, with
every language's translation, by ``res.company._smec_create_default_plan``)."""

# fmt: off
DEFAULT_STAGES = [{'key': 'pre_due',
  'days': -3,
  'email': True,
  'letter': False,
  'call': False,
  'hold': False,
  'interval': 30,
  'confirm': False,
  'payment_days': 0,
  'texts': {'name': {'en_US': 'Reminder before the due date', 'zh_CN': '到期前提醒', 'zh_TW': '到期前提醒'},
            'wording_default': {'en_US': 'This is a courtesy reminder that the invoices below fall due in the '
                                         'coming days. If payment is already arranged, please disregard this '
                                         'message.',
                                'zh_CN': '温馨提示：以下发票将于近日到期。如已安排付款，请忽略本通知。',
                                'zh_TW': '溫馨提示：以下發票將於近日到期。如已安排付款，請忽略本通知。'},
            'wording_owner': {'en_US': 'Thank you for your continued trust in our partnership. As a small '
                                       'courtesy, we remind you that the invoices below fall due in the coming '
                                       'days.',
                              'zh_CN': '感谢您一直以来对我们合作的信任。在此友情提醒，以下发票将于近日到期。',
                              'zh_TW': '感謝您一直以來對我們合作的信任。在此友情提醒，以下發票將於近日到期。'},
            'wording_large': {'en_US': 'To the Finance Department: please find below the invoices falling due in '
                                       'the coming days, for your payment schedule.',
                              'zh_CN': '致贵司财务部：以下发票将于近日到期，烦请纳入贵司付款计划。',
                              'zh_TW': '致貴司財務部：以下發票將於近日到期，煩請納入貴司付款計劃。'}}},
 {'key': 'friendly',
  'days': 7,
  'email': True,
  'letter': False,
  'call': True,
  'hold': False,
  'interval': 7,
  'confirm': False,
  'payment_days': 7,
  'texts': {'name': {'en_US': 'Friendly reminder', 'zh_CN': '友好提醒', 'zh_TW': '友好提醒'},
            'wording_default': {'en_US': 'Our records show the invoices below are past due. We would be grateful '
                                         'if you could arrange payment, or let us know if there is any question '
                                         'about them.',
                                'zh_CN': '经核对，以下发票已逾期。烦请安排付款；如对发票有任何疑问，请与我们联系。',
                                'zh_TW': '經核對，以下發票已逾期。煩請安排付款；如對發票有任何疑問，請與我們聯絡。'},
            'wording_owner': {'en_US': 'We value our long-term relationship and understand that timing can slip. '
                                       'The invoices below are past due: could you let us know when we can expect '
                                       'payment?',
                              'zh_CN': '我们十分珍视双方的长期合作，也理解付款偶有延误。以下发票已逾期，烦请告知预计付款日期。',
                              'zh_TW': '我們十分珍視雙方的長期合作，也理解付款偶有延誤。以下發票已逾期，煩請告知預計付款日期。'},
            'wording_large': {'en_US': 'To the Finance Department: the invoices below are past due according to '
                                       'the agreed terms. Please confirm the payment date or tell us which '
                                       'approval is pending.',
                              'zh_CN': '致贵司财务部：按约定账期，以下发票已逾期。烦请确认付款日期，或告知尚待哪一环节审批。',
                              'zh_TW': '致貴司財務部：按約定賬期，以下發票已逾期。煩請確認付款日期，或告知尚待哪一環節審批。'},
            'script_default': {'en_US': '1. Introduce yourself and the company.\n'
                                        '2. Confirm the invoices and amounts overdue.\n'
                                        '3. Ask when payment will be made and note the date and amount.\n'
                                        '4. If there is a problem with the goods or the invoice, record it as a '
                                        'dispute.\n'
                                        '5. Thank the customer and confirm the next step in writing.',
                               'zh_CN': '1. 自我介绍并说明公司名称。\n'
                                        '2. 核对逾期发票及金额。\n'
                                        '3. 询问付款时间，记录承诺日期和金额。\n'
                                        '4. 如对货物或发票有异议，登记为争议。\n'
                                        '5. 致谢，并以书面方式确认下一步。',
                               'zh_TW': '1. 自我介紹並說明公司名稱。\n'
                                        '2. 核對逾期發票及金額。\n'
                                        '3. 詢問付款時間，記錄承諾日期和金額。\n'
                                        '4. 如對貨物或發票有異議，登記為爭議。\n'
                                        '5. 致謝，並以書面方式確認下一步。'},
            'script_owner': {'en_US': '1. Greet the owner personally and mention the years of working together.\n'
                                      '2. Mention the overdue invoices and amounts calmly.\n'
                                      '3. Ask whether business is going well and whether a payment date or plan '
                                      'would help.\n'
                                      '4. Note the promised date and amount, or any complaint about the goods.\n'
                                      '5. Thank them and say you will confirm by message.',
                             'zh_CN': '1. 亲切问候老板，提及双方多年的合作。\n'
                                      '2. 平和地说明逾期发票及金额。\n'
                                      '3. 关心经营情况，询问可否约定付款日期或分期计划。\n'
                                      '4. 记录承诺的日期和金额，或对货物的意见。\n'
                                      '5. 致谢，并说明会以短信确认。',
                             'zh_TW': '1. 親切問候老闆，提及雙方多年的合作。\n'
                                      '2. 平和地說明逾期發票及金額。\n'
                                      '3. 關心經營情況，詢問可否約定付款日期或分期計劃。\n'
                                      '4. 記錄承諾的日期和金額，或對貨物的意見。\n'
                                      '5. 致謝，並說明會以簡訊確認。'},
            'script_large': {'en_US': '1. Ask for the accounts payable clerk or the finance manager.\n'
                                      '2. Give the invoice numbers, amounts and due dates.\n'
                                      '3. Ask where the invoices are in their approval and payment run.\n'
                                      "4. Note the payment run date and the contact's name.\n"
                                      '5. Send the statement to the finance mailbox after the call.',
                             'zh_CN': '1. 请应付账款专员或财务经理接听。\n'
                                      '2. 报出发票号码、金额和到期日。\n'
                                      '3. 询问发票在贵司审批及付款流程中的进度。\n'
                                      '4. 记录付款批次日期及对接人姓名。\n'
                                      '5. 通话后将对账单发送至财务邮箱。',
                             'zh_TW': '1. 請應付賬款專員或財務經理接聽。\n'
                                      '2. 報出發票號碼、金額和到期日。\n'
                                      '3. 詢問發票在貴司審批及付款流程中的進度。\n'
                                      '4. 記錄付款批次日期及對接人姓名。\n'
                                      '5. 通話後將對賬單傳送至財務郵箱。'}}},
 {'key': 'demand',
  'days': 30,
  'email': True,
  'letter': True,
  'call': False,
  'hold': False,
  'interval': 14,
  'confirm': False,
  'payment_days': 10,
  'texts': {'name': {'en_US': 'Formal demand letter', 'zh_CN': '正式催款函', 'zh_TW': '正式催款函'},
            'wording_default': {'en_US': 'Despite our reminders, the invoices below remain unpaid. We formally '
                                         'request payment of the total amount by the deadline stated in this '
                                         'letter. This letter is a demand for payment within the meaning of '
                                         'Article 195 of the Civil Code.',
                                'zh_CN': '尽管我方已多次提醒，以下发票仍未支付。现正式要求贵方于本函所列期限前付清全部款项。本函构成《民法典》第一百九十五条所称的权利人向义务人提出履行请求。',
                                'zh_TW': '儘管我方已多次提醒，以下發票仍未支付。現正式要求貴方於本函所列期限前付清全部款項。本函構成《民法典》第一百九十五條所稱的權利人向義務人提出履行請求。'},
            'wording_owner': {'en_US': 'We have always valued working with you, and we write formally only '
                                       'because the invoices below remain unpaid despite our reminders. Please '
                                       'pay the total by the deadline below, or contact us to agree a plan.',
                              'zh_CN': '我们一直珍视与您的合作，只因以下发票经多次提醒仍未支付，才不得不正式致函。请于下列期限前付清，或与我们联系商定还款计划。',
                              'zh_TW': '我們一直珍視與您的合作，只因以下發票經多次提醒仍未支付，才不得不正式致函。請於下列期限前付清，或與我們聯絡商定還款計劃。'},
            'wording_large': {'en_US': 'To the Finance Department: the invoices below remain unpaid beyond the '
                                       'agreed terms despite our reminders. We formally request payment of the '
                                       'total by the deadline stated below.',
                              'zh_CN': '致贵司财务部：以下发票已超过约定账期，经多次提醒仍未支付。现正式要求贵司于下列期限前付清全部款项。',
                              'zh_TW': '致貴司財務部：以下發票已超過約定賬期，經多次提醒仍未支付。現正式要求貴司於下列期限前付清全部款項。'}}},
 {'key': 'third_party',
  'days': 60,
  'letter_report': 'smec_credit_collection.action_report_lawyer_letter',
  'email': False,
  'letter': True,
  'call': True,
  'hold': False,
  'interval': 14,
  'confirm': True,
  'payment_days': 7,
  'texts': {'name': {'en_US': 'Third-party assistance', 'zh_CN': '第三方协助', 'zh_TW': '第三方協助'},
            'wording_default': {'en_US': 'The invoices below remain unpaid after the formal demand sent to you. '
                                         'Unless the total is paid by the deadline below, legal proceedings will '
                                         'follow, which may add costs and interest.',
                                'zh_CN': '经正式催告，以下发票仍未支付。如未能于下列期限前付清，将依法采取法律措施，由此可能产生额外费用和利息。',
                                'zh_TW': '經正式催告，以下發票仍未支付。如未能於下列期限前付清，將依法採取法律措施，由此可能產生額外費用和利息。'},
            'wording_owner': {'en_US': 'We would much rather settle this between us. The invoices below remain '
                                       'unpaid after the formal demand; unless they are paid by the deadline, a '
                                       'lawyer or a mediator will have to help.',
                              'zh_CN': '我们更希望双方协商解决。正式催告后以下发票仍未支付；如未能于期限前付清，只能请律师或调解机构协助解决。',
                              'zh_TW': '我們更希望雙方協商解決。正式催告後以下發票仍未支付；如未能於期限前付清，只能請律師或調解機構協助解決。'},
            'wording_large': {'en_US': 'To the Finance Department: the invoices below remain unpaid after the '
                                       'formal demand. Unless the total is paid by the deadline, the matter will '
                                       'be pursued by legal means.',
                              'zh_CN': '致贵司财务部：正式催告后以下发票仍未支付。如未能于期限前付清，本事项将通过法律途径处理。',
                              'zh_TW': '致貴司財務部：正式催告後以下發票仍未支付。如未能於期限前付清，本事項將通過法律途徑處理。'},
            'script_default': {'en_US': "1. Say that a lawyer's letter or mediation is being prepared.\n"
                                        '2. Offer a last chance to pay or agree a written plan.\n'
                                        '3. Never threaten; record exactly what was said.',
                               'zh_CN': '1. 告知正在准备律师函或调解。\n2. 给予最后机会付款或签订书面还款计划。\n3. 不得威胁；如实记录通话内容。',
                               'zh_TW': '1. 告知正在準備律師函或調解。\n2. 給予最後機會付款或簽訂書面還款計劃。\n3. 不得威脅；如實記錄通話內容。'}}},
 {'key': 'legal',
  'days': 90,
  'email': False,
  'letter': False,
  'call': False,
  'hold': True,
  'interval': 30,
  'confirm': True,
  'payment_days': 0,
  'texts': {'name': {'en_US': 'Legal preparation', 'zh_CN': '法律准备', 'zh_TW': '法律準備'},
            'wording_default': {'en_US': 'Orders are held. Gather the evidence, check the limitation period and '
                                         'prepare a payment order or a suit.',
                                'zh_CN': '暂停接单。收集证据，核查诉讼时效，准备支付令或起诉。',
                                'zh_TW': '暫停接單。收集證據，核查訴訟時效，準備支付令或起訴。'}}}]
# fmt: on

DEFAULT_PLAN_NAME = {"en_US": "Standard collection", "zh_CN": "标准催收", "zh_TW": "標準催收"}
