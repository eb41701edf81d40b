"""Code-like text inside strings and comments is not code.

A hunk that starts inside a multi-line string cannot know it is inside one, so this fixture is checked as a
whole file only (see the hunk-parity tests and the report on hunk-only limits).

try:
    x()
except:
    pass
"""

EXAMPLE = """
cursor.execute(f"SELECT * FROM t WHERE id = {x}")
requests.get(url)
"""

# requests.get(url)
# os.system("rm -rf " + path)


def fine():
    """requests.get(url) is documented here, not called."""
    return "subprocess.call(['ls'])"
