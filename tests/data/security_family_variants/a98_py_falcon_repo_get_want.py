# want: PY-LOOKUP-NOT-CALLER-SCOPED
# path: clinic/resources/appointments.py
import falcon


class AppointmentResource:
    def __init__(self, appointments, audit):
        self._appointments = appointments
        self._audit = audit

    def on_get(self, req, resp, appointment_id):
        appt = self._appointments.get(appointment_id, clinic_id=req.context.clinic_id)
        if appt is None:
            raise falcon.HTTPNotFound()
        resp.media = appt.to_dict()

    def on_delete(self, req, resp, appointment_id):
        appt = self._appointments.get(appointment_id)
        if appt is None:
            raise falcon.HTTPNotFound()
        self._appointments.cancel(appt)
        self._audit.record(actor=req.context.user_id, action="appointment.cancel")
        resp.status = falcon.HTTP_204
