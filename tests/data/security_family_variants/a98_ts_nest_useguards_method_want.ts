// want: JS-ROUTE-NO-AUTH
// path: src/billing/plans.controller.ts
import { Body, Controller, Delete, Get, Param, Post, UseGuards } from "@nestjs/common";
import { JwtAuthGuard } from "../auth/jwt-auth.guard";
import { RolesGuard } from "../auth/roles.guard";
import { Roles } from "../auth/roles.decorator";
import { PlansService } from "./plans.service";
import { CreatePlanDto } from "./dto/create-plan.dto";

@Controller("plans")
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  findAll() {
    return this.plans.findPublic();
  }

  @Post()
  @UseGuards(JwtAuthGuard, RolesGuard)
  @Roles("billing-admin")
  create(@Body() dto: CreatePlanDto) {
    return this.plans.create(dto);
  }

  @Delete(":id")
  remove(@Param("id") id: string) {
    return this.plans.remove(id);
  }
}
