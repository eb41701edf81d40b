from flask import jsonify
from flask import abort
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from app import db
from app.models import Team


def create_team(name):
    team = Team(name=name)
    db.session.add(team)
    try:
        db.session.commit()
    except IntegrityError:  # expect: PY-SQLALCHEMY-NO-ROLLBACK
        return jsonify(error="a team with that name already exists"), 409
    return jsonify(id=team.id), 201


def create_team_rolled_back(name):
    team = Team(name=name)
    db.session.add(team)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return jsonify(error="a team with that name already exists"), 409
    return jsonify(id=team.id), 201


def import_rows(session, rows, log):
    for row in rows:
        session.add(row)
        try:
            session.flush()
        except SQLAlchemyError as exc:  # expect: PY-SQLALCHEMY-NO-ROLLBACK
            log.warning("skipping row %s: %s", row.key, exc)
            continue


def import_rows_reraised(session, rows, log):
    for row in rows:
        session.add(row)
        try:
            session.flush()
        except SQLAlchemyError:
            log.warning("row %s failed", row.key)
            raise


def import_rows_owned(engine, rows, log):
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        try:
            session.add_all(rows)
            session.commit()
        except IntegrityError:
            log.warning("duplicate rows")
            return False
    return True


def save_with_finally(session, item, log):
    try:
        session.add(item)
        session.commit()
    except IntegrityError:
        log.warning("duplicate item")
    finally:
        session.close()


def parse_only(raw, log):
    try:
        value = int(raw)
    except ValueError:
        log.warning("bad value")
        value = 0
    return value


async def migrate(sessionmaker, orgs, log):
    for org in orgs:
        try:
            async with sessionmaker() as session:
                session.add(org)
                await session.commit()
        except SQLAlchemyError as exc:
            log.warning("org %s failed: %s", org.slug, exc)


def invite(user):
    try:
        db.session.add(user)
        db.session.commit()
    except IntegrityError as e:
        if "email" in str(e):
            abort(400, message="Email already taken.")
        abort(500)
