# want: PY-ERROR-ANSWERED-OK
from django.http import JsonResponse


def resend_invite(request, invite_id):
    invite = get_object_or_404(Invite, pk=invite_id)
    try:
        send_invite_email(invite)
    except SMTPException:
        logger.exception("invite email failed for %s", invite_id)
        return JsonResponse({"success": True, "message": "Invite sent"})
    return JsonResponse({"success": True, "message": "Invite sent"})
