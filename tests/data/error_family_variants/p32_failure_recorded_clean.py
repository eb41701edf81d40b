# clean: ANY-FAILURE-MARKED-DONE
def run():
    with session_scope() as session:
        for req in pending_requests(session):
            try:
                path = build_export(req)
                req.location = upload_export(req, path)
            except Exception:
                logger.exception("export %s failed", req.id)
                req.status = "failed"
                session.commit()
                continue
            req.status = "done"
            session.commit()
