# want: PY-SQL-INPUT
import falcon


class SearchResource:
    def __init__(self, conn):
        self.conn = conn

    def on_post(self, req, resp):
        body = req.get_media()
        term = body.get("term", "")
        cur = self.conn.cursor()
        cur.execute(f"SELECT id, title FROM notes WHERE title LIKE '%{term}%'")
        resp.media = [dict(id=r[0], title=r[1]) for r in cur.fetchall()]
