# clean: PY-EXCEPT-IN-ATOMIC
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from app.models import Ledger, Transfer


class DuplicateTransfer(Exception):
    pass


async def record_transfer(source_id: int, target_id: int, amount: int, key: str) -> Transfer:
    try:
        async with in_transaction() as conn:
            transfer = await Transfer.create(source_id=source_id, target_id=target_id, amount=amount,
                                             idempotency_key=key, using_db=conn)
            await Ledger.filter(id=source_id).using_db(conn).update(balance=F("balance") - amount)
            await Ledger.filter(id=target_id).using_db(conn).update(balance=F("balance") + amount)
    except IntegrityError as exc:
        raise DuplicateTransfer(key) from exc
    return transfer
