import { CommandBodyDto } from '../../http/command-body.dto';

/** An invoice is settled in full: the body holds only the optional business time. */
export class SettleInvoiceDto extends CommandBodyDto {}
