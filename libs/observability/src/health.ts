import { Controller, DynamicModule, Get, Inject, Module, Type } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
  TerminusModule,
} from '@nestjs/terminus';

/** Something a service needs to do its work; `/health/ready` is green only while all answer. */
export interface ReadinessProbe {
  readonly name: string;
  /** Resolves when the dependency answers; rejects (or resolves false) when it does not. */
  check(): Promise<boolean>;
}

const PROBES = Symbol('READINESS_PROBES');
const PROBE_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    @Inject(PROBES) private readonly probes: ReadinessProbe[],
  ) {}

  /** The process runs and its event loop answers; nothing else. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.probes.map((probe) => () => this.probe(probe)));
  }

  private async probe(probe: ReadinessProbe): Promise<HealthIndicatorResult> {
    const result = this.indicator.check(probe.name);
    try {
      return (await withTimeout(probe.check(), PROBE_TIMEOUT_MS))
        ? result.up()
        : result.down({ message: 'not connected' });
    } catch (error) {
      return result.down({ message: (error as Error).message });
    }
  }
}

/** `GET /health/live` and `GET /health/ready`, the latter over the probes given. */
@Module({})
export class HealthModule {
  static register(probes: Type<ReadinessProbe>[]): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        { provide: PROBES, useFactory: (...all: ReadinessProbe[]) => all, inject: probes },
      ],
    };
  }
}
