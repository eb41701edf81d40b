def totals_for(cursor, region):
    cursor.execute(f"SELECT sum(total) FROM orders WHERE region = '{region}'")
    return cursor.fetchone()


def totals_for_safe(cursor, region):
    cursor.execute("SELECT sum(total) FROM orders WHERE region = %s", (region,))
    return cursor.fetchone()
