import { CommandBodyDto } from '../../http/command-body.dto';

/** The payout takes the commission's own amount: the body holds only the optional business time. */
export class PayOutCommissionDto extends CommandBodyDto {}
