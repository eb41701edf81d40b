# clean: PY-FILE-LEAKED-ON-RETURN (the file is opened in a with block)
import csv


def import_prices(path: str) -> int:
    with open(path, newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or "sku" not in reader.fieldnames:
            return 0
        count = 0
        for row in reader:
            Price.objects.update_or_create(sku=row["sku"], defaults={"amount": row["amount"]})
            count += 1
    return count
