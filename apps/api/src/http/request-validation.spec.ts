import { ValidationError } from '@partnerships/domain';
import { ListPartnersQueryParams } from '../partners/list-partners/list-partners.query-params';
import { RequestValidationPipe } from './request-validation';
import { PartnerParams } from './route-params.dto';

describe('the request validation pipe', () => {
  it('gives every request its own DTO, also when it remembers a path it already checked', async () => {
    const pipe = new RequestValidationPipe();
    const first = (await pipe.transform({ id: 'acme' }, { type: 'param', metatype: PartnerParams })) as PartnerParams;
    const second = (await pipe.transform({ id: 'acme' }, { type: 'param', metatype: PartnerParams })) as PartnerParams;
    expect(first).toBeInstanceOf(PartnerParams);
    expect(second).toBeInstanceOf(PartnerParams);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    Object.assign(first, { id: 'changed by a handler' });
    const third = (await pipe.transform({ id: 'acme' }, { type: 'param', metatype: PartnerParams })) as PartnerParams;
    expect(third.id).toBe('acme');
  });

  it('refuses an invalid query string every time it comes, and an unknown field', async () => {
    const pipe = new RequestValidationPipe();
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(pipe.transform({ status: 'sleeping' }, { type: 'query', metatype: ListPartnersQueryParams })).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(pipe.transform({ colour: 'red' }, { type: 'query', metatype: ListPartnersQueryParams })).rejects.toThrow('property colour should not exist');
    await expect(pipe.transform({ constructor: 'x' }, { type: 'body', metatype: PartnerParams })).rejects.toThrow('property constructor should not exist');
  });

  it('passes a custom parameter and a primitive on as they came', async () => {
    const pipe = new RequestValidationPipe();
    const context = { actor: 'owner' };
    expect(await pipe.transform(context, { type: 'custom', metatype: Object })).toBe(context);
    expect(await pipe.transform('acme', { type: 'param', metatype: String, data: 'id' })).toBe('acme');
  });
});
