// clean: JS-SSRF
import { Controller, Get, Param } from "@nestjs/common";
import { ConfigService } from "@nestjs/config";

@Controller("shipments")
export class ShipmentsController {
  constructor(private readonly config: ConfigService) {}

  @Get(":id/tracking")
  async tracking(@Param("id") id: string) {
    const base = this.config.getOrThrow<string>("CARRIER_API_URL");
    const res = await fetch(`${base}/v1/tracking/${encodeURIComponent(id)}`, {
      headers: { authorization: `Bearer ${this.config.getOrThrow("CARRIER_API_KEY")}` },
      signal: AbortSignal.timeout(8000),
    });
    return res.json();
  }
}
