import { Injectable, NotFoundException } from '@nestjs/common';

@Injectable()
export class TeamsService {
  async findOne(teamId: string): Promise<Team> {
    const team = await this.teams.findOne({ where: { id: teamId } });
    if (!team) {
      throw new Error(`team ${teamId} not found`); // expect: JS-NEST-NOT-FOUND-PLAIN-ERROR
    }
    return team;
  }

  async project(id: string): Promise<Project> {
    const project = await this.projects.findOneBy({ id });
    if (!project) {
      throw new NotFoundException(`project ${id} not found`);
    }
    return project;
  }
}
