// want: JS-MASS-ASSIGNMENT
import { Request, Response } from "express";
import { AppDataSource } from "../data-source";
import { Account } from "../entity/Account";

export async function updateAccount(req: Request, res: Response) {
  const repo = AppDataSource.getRepository(Account);
  const account = await repo.findOneByOrFail({ id: Number(req.params.id), ownerId: req.user.id });
  repo.merge(account, req.body);
  await repo.save(account);
  res.json(account);
}
