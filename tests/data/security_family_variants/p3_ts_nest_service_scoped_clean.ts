// clean: JS-LOOKUP-IGNORES-CALLER
import { Controller, Get, NotFoundException, Param, UseGuards } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { Repository } from "typeorm";
import { AuthGuard } from "../auth/auth.guard";
import { User } from "../auth/user.decorator";
import { Project } from "./project.entity";

@UseGuards(AuthGuard)
@Controller("projects")
export class ProjectsController {
  constructor(@InjectRepository(Project) private readonly projects: Repository<Project>) {}

  @Get(":id")
  async findOne(@Param("id") id: string, @User() user: { workspaceId: string }) {
    const project = await this.projects.findOne({ where: { id, workspace: { id: user.workspaceId } } });
    if (!project) throw new NotFoundException();
    return project;
  }
}
