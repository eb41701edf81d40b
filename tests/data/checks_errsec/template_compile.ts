import { template } from 'lodash';
import ejs from 'ejs';
import Handlebars from 'handlebars';
import * as nunjucks from 'nunjucks';
import Mustache from 'mustache';
import fs from 'fs';

const DEFAULTS: Record<string, string> = { welcome: 'Hi <%= name %>' };

export class Renderer {
  constructor(private readonly templates: TemplateRepository, private readonly prisma: PrismaClient) {}

  async welcome(id: string, ctx: object) {
    const row = await this.templates.findOneBy({ id });
    return template(row?.body ?? "")(ctx); // expect: JS-TEMPLATE-INJECTION
  }

  async page(slug: string, data: object) {
    const page = await this.prisma.page.findUnique({ where: { slug } });
    const html = ejs.render(page?.source ?? '', data); // expect: JS-TEMPLATE-INJECTION
    return html;
  }

  async invoice(id: string, data: object) {
    const { markup } = await this.loadLayout(id);
    return Handlebars.compile(markup)(data); // expect: JS-TEMPLATE-INJECTION
  }

  private async loadLayout(id: string) {
    return this.prisma.layout.findFirstOrThrow({ where: { id } });
  }

  note(text: string) {
    return nunjucks.renderString(text, {});
  }

  fixed(kind: string, ctx: object) {
    return template(DEFAULTS[kind])(ctx);
  }

  fromFile(ctx: object) {
    const src = fs.readFileSync('./templates/mail.ejs', 'utf8');
    return ejs.render(src, ctx);
  }

  async logicLess(id: string, ctx: object) {
    const row = await this.templates.findOneBy({ id });
    return Mustache.render(row?.body ?? "", ctx);
  }

  fromParam(source: string, ctx: object) {
    return template(source)(ctx);
  }

  cached(key: string, ctx: object) {
    const src = this.cache.get(key) ?? DEFAULTS.welcome;
    return template(src)(ctx);
  }
}
