// want: JS-LOOKUP-IGNORES-CALLER
// path: src/documents/documents.controller.ts
import { Controller, Get, NotFoundException, Param, UseGuards } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { Repository } from "typeorm";
import { JwtAuthGuard } from "../auth/jwt-auth.guard";
import { CurrentUser } from "../auth/current-user.decorator";
import { Document } from "./document.entity";
import type { User } from "../users/user.entity";

@Controller("documents")
@UseGuards(JwtAuthGuard)
export class DocumentsController {
  constructor(@InjectRepository(Document) private readonly docs: Repository<Document>) {}

  @Get(":id")
  async findOne(@CurrentUser() user: User, @Param("id") id: string) {
    const doc = await this.docs.findOne({ where: { id }, relations: { versions: true } });
    if (!doc) throw new NotFoundException();
    return doc;
  }
}
