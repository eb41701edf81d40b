# want: PY-SQL-INPUT
from pyramid.view import view_config
from sqlalchemy import text


@view_config(route_name="team_members", renderer="json")
def team_members(request):
    team = request.matchdict["team"]
    rows = request.dbsession.execute(text(f"SELECT name FROM members WHERE team = '{team}'"))
    return [row.name for row in rows]
