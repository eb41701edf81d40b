// clean: JS-ROUTE-NO-AUTH
import { Body, Controller, Delete, Get, Param, Post, UseGuards } from "@nestjs/common";
import { JwtAuthGuard } from "../auth/jwt-auth.guard";
import { CurrentUser } from "../auth/current-user.decorator";
import { ApiKeysService } from "./api-keys.service";

@UseGuards(JwtAuthGuard)
@Controller("api-keys")
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  list(@CurrentUser() user: { id: string }) {
    return this.keys.list(user.id);
  }

  @Post()
  create(@CurrentUser() user: { id: string }, @Body() body: { name: string }) {
    return this.keys.create(user.id, body.name);
  }

  @Delete(":id")
  revoke(@CurrentUser() user: { id: string }, @Param("id") id: string) {
    return this.keys.revoke(user.id, id);
  }
}
