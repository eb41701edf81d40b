// want: JS-SQL-STRING
import { Controller, Get, Query } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import { Repository } from "typeorm";
import { Customer } from "./customer.entity";

@Controller("customers")
export class CustomersController {
  constructor(@InjectRepository(Customer) private readonly repo: Repository<Customer>) {}

  @Get("search")
  search(@Query("name") name: string) {
    return this.repo
      .createQueryBuilder("c")
      .where(`c.name LIKE '%${name}%'`)
      .orderBy("c.name")
      .getMany();
  }
}
