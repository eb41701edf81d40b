"""Exception text returned from functions that answer requests, and from ones that do not (written for
these tests; the function's head decides, so the whole file is needed)."""


def order_status(
    request,
    order_id,
):
    try:
        return lookup(order_id)
    except LookupError as err:
        return f"lookup failed: {err}"  # expect: PY-EXCEPTION-LEAK


class FundingSource:
    def status(self):
        try:
            return Status(None, self.node.balance())
        except NodeError as err:
            return Status(f"node unreachable: {err}", 0)

    async def create_invoice(
        self,
        amount: int,
    ) -> Invoice:
        try:
            return Invoice(ok=True, request=await self.node.invoice(amount))
        except NodeError as err:
            return Invoice(ok=False, error_message=str(err))
