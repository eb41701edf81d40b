# clean: PY-LOOKUP-NOT-CALLER-SCOPED
# path: myapp/views/documents.py
from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from myapp.models import Document


@view_config(route_name="document", renderer="json", permission="view")
def show_document(request):
    doc_id = int(request.matchdict["id"])
    doc = (
        request.dbsession.query(Document)
        .filter(Document.id == doc_id, Document.owner_id == request.authenticated_userid)
        .one_or_none()
    )
    if doc is None:
        raise HTTPNotFound()
    return {"id": doc.id, "title": doc.title, "body": doc.body}
