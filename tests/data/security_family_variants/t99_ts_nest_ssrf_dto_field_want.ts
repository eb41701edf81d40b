// want: JS-SSRF
import { Body, Controller, Post, UseGuards } from "@nestjs/common";
import { HttpService } from "@nestjs/axios";
import { firstValueFrom } from "rxjs";
import { JwtAuthGuard } from "../auth/jwt.guard";

class TestWebhookDto {
  callbackUrl!: string;
  secret?: string;
}

@Controller("webhooks")
@UseGuards(JwtAuthGuard)
export class WebhooksController {
  constructor(private readonly http: HttpService) {}

  @Post("test")
  async test(@Body() dto: TestWebhookDto) {
    const target = dto.callbackUrl;
    const payload = { type: "ping", sentAt: new Date().toISOString() };
    const res = await firstValueFrom(this.http.post(target, payload, { timeout: 5000 }));
    return { status: res.status };
  }
}
