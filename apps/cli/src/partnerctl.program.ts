import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectCommander } from 'nest-commander';

/** The part of commander's root command that is named here. */
interface RootProgram {
  name(name: string): unknown;
  description(description: string): unknown;
}

/** Names the root command, which otherwise takes the script's file name (`main`) in `--help`. */
@Injectable()
export class PartnerctlProgram implements OnModuleInit {
  constructor(@InjectCommander() private readonly program: RootProgram) {}

  onModuleInit(): void {
    this.program.name('partnerctl');
    this.program.description(
      'Operate the partnerships engine. Uses the same settings as the API: DATABASE_URL and DATABASE_SCHEMA ' +
        'for PostgreSQL, else the embedded store in DATA_DIR (default ./data).',
    );
  }
}
