import json

from odoo.tests import HttpCase


class RpcCase(HttpCase):
    """Calls the server over HTTP as the web client and any JSON-RPC client do,
    logged in as a given user, with whatever arguments and context the caller
    chooses: what a hostile but ordinary user can send."""

    def call(self, user, model, method, *args, context=None, **kwargs):
        """The JSON-RPC answer of ``model.method(*args, **kwargs)`` called by
        ``user`` (whose password is their login, as ``new_test_user`` makes it):
        {"result": ...} or {"error": {"data": {"name", "message"}}}."""
        self.authenticate(user.login, user.login)
        if context is not None:
            kwargs["context"] = context
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "id": 0,
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
                }
            ),
            headers={"Content-Type": "application/json"},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()

    def call_ok(self, user, model, method, *args, **kwargs):
        """The result of a call that must succeed."""
        answer = self.call(user, model, method, *args, **kwargs)
        self.assertNotIn("error", answer, answer.get("error", {}).get("data", {}).get("message"))
        return answer["result"]

    def call_refused(self, user, exception, regex, model, method, *args, **kwargs):
        """Asserts the call is refused with ``exception`` (its class name, such as
        "AccessError") and a message matching ``regex``; returns the message."""
        answer = self.call(user, model, method, *args, **kwargs)
        self.assertIn("error", answer, f"{model}.{method} was not refused")
        data = answer["error"]["data"]
        self.assertEqual(data["name"], f"odoo.exceptions.{exception}", data["message"])
        self.assertRegex(data["message"], regex)
        return data["message"]
