// clean: JS-ASYNC-NOT-AWAITED
import { Injectable } from '@nestjs/common';

@Injectable()
export class SignupService {
  constructor(private readonly users: UsersRepository, private readonly mailer: MailerService) {}

  async signup(dto: SignupDto): Promise<User> {
    const user = await this.users.create(dto);
    await this.mailer.sendWelcome(user.email);
    return user;
  }
}
