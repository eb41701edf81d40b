# want: PY-FILE-LEAKED-ON-RETURN
import csv


def import_prices(path: str) -> int:
    handle = open(path, newline="")
    reader = csv.DictReader(handle)
    if reader.fieldnames is None or "sku" not in reader.fieldnames:
        return 0
    count = 0
    for row in reader:
        Price.objects.update_or_create(sku=row["sku"], defaults={"amount": row["amount"]})
        count += 1
    handle.close()
    return count
