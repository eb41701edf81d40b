import logging

from django.db import DatabaseError, IntegrityError, transaction

logger = logging.getLogger(__name__)


def invoice(order, number):
    with transaction.atomic():
        order.save()
        try:  # expect: PY-EXCEPT-IN-ATOMIC
            Invoice.objects.create(order=order, number=number)
        except IntegrityError:
            logger.warning("duplicate invoice %s", number)
        order.lines.update(invoiced=True)


@transaction.atomic
def decorated(order):
    order.save()


def bulk(rows):
    with transaction.atomic():
        for row in rows:
            try:  # expect: PY-EXCEPT-IN-ATOMIC
                row.save()
            except Exception:
                logger.exception("row %s failed", row.pk)


def with_savepoint(order, number):
    with transaction.atomic():
        order.save()
        try:
            with transaction.atomic():
                Invoice.objects.create(order=order, number=number)
        except IntegrityError:
            logger.warning("duplicate invoice %s", number)


def reraises(order):
    with transaction.atomic():
        try:
            order.save()
        except IntegrityError as exc:
            logger.error("save failed")
            raise ValueError("duplicate") from exc


def get_or_create_retry(url):
    with transaction.atomic():
        try:
            return URL.objects.get_or_create(key=url.key)[0]
        except IntegrityError:
            return URL.objects.get(key=url.key)


def missing_row(media):
    with transaction.atomic():
        try:
            media.save(update_fields=["sort_order"])
        except DatabaseError:
            logger.warning("media gone")


def lookups_only(pk):
    with transaction.atomic():
        try:
            order = Order.objects.select_for_update().get(pk=pk)
        except Order.DoesNotExist:
            return None
        order.state = "paid"
        order.save()
        return order
