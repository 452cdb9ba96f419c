"""Every model the add-ons define has its description in Chinese (#29): the description names the document in
the chatter ("催收批次 创建", "发货信用放行 创建"), in the access errors and in the model's lists; Odoo loads
its translation from the add-on's ``i18n/zh_CN.po`` and ``zh_TW.po`` by the entry
``model:ir.model,name:<add-on>.model_<model>``, so an entry missing, untranslated or of an older description
leaves the English in a Chinese screen. Read from the files (no database)."""

import ast
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in REPO.glob("*/__manifest__.py") if (p.parent / "i18n").is_dir())
LANGS = ("zh_CN", "zh_TW")
# words a simplified-to-traditional converter puts for 类型 and 对象 that read as a programmer's "type" and "object"
# in Taiwan: a business profile is a 經營類型, a class's audience its 培訓對象
NOT_TRADITIONAL_TERMS = ("型別", "物件")


def defined_models(addon: str) -> dict[str, str | None]:
    """The models ``addon`` defines (``_name`` not among its ``_inherit``), each with its ``_description``."""
    models = {}
    for path in sorted((REPO / addon).rglob("*.py")):
        if "tests" in path.relative_to(REPO / addon).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            attrs = {
                target.id: ast.literal_eval(statement.value)
                for statement in node.body
                if isinstance(statement, ast.Assign)
                for target in statement.targets
                if isinstance(target, ast.Name) and target.id in ("_name", "_inherit", "_description")
            }
            inherit = attrs.get("_inherit") or []
            inherit = [inherit] if isinstance(inherit, str) else inherit
            if attrs.get("_name") and attrs["_name"] not in inherit:
                models[attrs["_name"]] = attrs.get("_description")
    return models


def model_names(addon: str, lang: str) -> dict[str, tuple[str, str]]:
    """The model descriptions of ``addon``'s ``lang``.po: {xml id of the model: (msgid, msgstr)}."""
    entries = polib.pofile(str(REPO / addon / "i18n" / f"{lang}.po"))
    return {
        where.split(":", 2)[2]: (entry.msgid, entry.msgstr)
        for entry in entries
        if not entry.obsolete
        for where, _line in entry.occurrences
        if where.startswith("model:ir.model,name:")
    }


def test_the_add_ons_define_models_and_their_descriptions_are_read():
    """The reading of the models finds what the add-ons define (a check of the test itself)."""
    assert defined_models("smec_credit_stock")["smec.credit.delivery.release"] == "Credit Release of a Delivery"
    assert defined_models("smec_credit_training")["smec.training.result"] == "Exam Result"
    # smec_credit_training extends its exam session in another file: the model is the first file's
    assert defined_models("smec_credit_training")["smec.training.session"] == "Exam Session"
    assert "res.partner" not in defined_models("smec_credit")
    assert model_names("smec_credit_stock", "zh_CN")["smec_credit_stock.model_smec_credit_delivery_release"] == (
        "Credit Release of a Delivery",
        "发货信用放行",
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("addon", ADDONS)
def test_every_model_description_is_translated(addon, lang):
    translated = model_names(addon, lang)
    missing = []
    for model, description in sorted(defined_models(addon).items()):
        xml_id = f"{addon}.model_{model.replace('.', '_')}"
        msgid, msgstr = translated.get(xml_id, (None, ""))
        if not description:
            missing.append(f"{model}: no _description (Odoo would show {model!r})")
        elif msgid != description or not msgstr.strip() or msgstr == msgid:
            missing.append(f"{model}: {description!r} is {msgstr or 'not translated'!r} for {xml_id}")
        elif lang == "zh_TW" and any(term in msgstr for term in NOT_TRADITIONAL_TERMS):
            missing.append(f"{model}: {msgstr!r} is a programmer's word for {description!r}")
    assert not missing, f"{addon}/i18n/{lang}.po: " + "; ".join(missing)
