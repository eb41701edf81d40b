// clean: JS-SSRF
import { BadRequestException, Body, Controller, Post, UseGuards } from "@nestjs/common";
import { HttpService } from "@nestjs/axios";
import { firstValueFrom } from "rxjs";
import { JwtAuthGuard } from "../auth/jwt.guard";

const ALLOWED_HOSTS = new Set(["hooks.slack.com", "api.pagerduty.com"]);

class TestWebhookDto {
  callbackUrl!: string;
}

@Controller("webhooks")
@UseGuards(JwtAuthGuard)
export class WebhooksController {
  constructor(private readonly http: HttpService) {}

  @Post("test")
  async test(@Body() dto: TestWebhookDto) {
    const target = new URL(dto.callbackUrl);
    if (target.protocol !== "https:" || !ALLOWED_HOSTS.has(target.hostname)) {
      throw new BadRequestException("unsupported webhook host");
    }
    const res = await firstValueFrom(this.http.post(target.toString(), { type: "ping" }, { timeout: 5000 }));
    return { status: res.status };
  }
}
