// JS-SQL-STRING on query-builder conditions: a value spliced into the condition's SQL text is reported;
// names in an identifier's place, bound `:params`, tagged `sql` templates and constants are not.
import { Brackets, Repository } from "typeorm";
import { sql } from "drizzle-orm";

const ARCHIVED = "archived";

export class ProjectsRepository {
  constructor(private readonly repo: Repository<Project>) {}

  findByTitle(workspaceId: string, title: string) {
    return this.repo
      .createQueryBuilder("project")
      .where("project.workspaceId = :workspaceId", { workspaceId })
      .andWhere(`project.title LIKE '${title}%'`) // expect: JS-SQL-STRING
      .getMany();
  }

  findByOwners(ownerIds: string[]) {
    return this.repo
      .createQueryBuilder("p")
      .where(`p.ownerId IN (${ownerIds.map((id) => `'${id}'`).join(", ")})`) // expect: JS-SQL-STRING
      .getMany();
  }

  findLive(alias: string, title: string) {
    return this.repo
      .createQueryBuilder(alias)
      .where(`${alias}.deletedAt IS NULL`)
      .andWhere(`${alias}.title ILIKE :title`, { title: `%${title}%` })
      .andWhere(`${alias}.state <> '${ARCHIVED}'`)
      .andWhere(new Brackets((qb) => qb.where(`"${alias}"."ownerId" = :owner`, { owner: title })))
      .getMany();
  }

  findDrizzle(title: string) {
    return this.db.select().from(projects).where(sql`${projects.title} ILIKE ${`%${title}%`}`);
  }
}
