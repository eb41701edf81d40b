// want: JS-ERROR-ANSWERED-OK
import { Body, Controller, Logger, Post } from "@nestjs/common";
import { MailerService } from "./mailer.service";

@Controller("invitations")
export class InvitationsController {
  private readonly logger = new Logger(InvitationsController.name);

  constructor(private readonly mailer: MailerService) {}

  @Post()
  async invite(@Body() body: { email: string; teamId: string }) {
    try {
      await this.mailer.sendInvite(body.email, body.teamId);
    } catch (e) {
      this.logger.error(`invite to ${body.email} failed`, e as Error);
      return { ok: true };
    }
    return { ok: true };
  }
}
