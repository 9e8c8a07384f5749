// Owns the one BOI session: opens it (SetUser, SetCompany, SetDate, SetModule; erps.md
// §2.2), runs every protocol operation on it one at a time (a ProvideX session is single-
// threaded, and COM calls block the event loop anyway), caches business objects after
// SetProgram(LookupTask(task)) + NewObject, and drops the session after a COM failure so the
// next request opens a fresh one.
import { OBJECTS, type ObjectName } from './boi/catalog.js';
import { BOI_FAIL, BoiUnavailableError, type BoiObject, type BoiSession } from './boi/port.js';
import { BoiSetupFailed, BoiUnavailable } from './protocol/errors.js';

export interface BoiFactory {
  openSession(): BoiSession;
}

export interface BoiHostOptions {
  factory: BoiFactory;
  user: string;
  password: string;
  company: string;
  tasks: Record<ObjectName, string>;
  /** YYYYMMDD of today on the Sage server. */
  today: () => string;
}

export interface HostSession {
  readonly session: BoiSession;
  object(name: ObjectName): BoiObject;
}

export interface Probe {
  available: boolean;
  reason?: string;
}

export class BoiHost {
  private session: BoiSession | undefined;
  private date = '';
  private readonly objects = new Map<string, BoiObject>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: BoiHostOptions) {}

  /** Runs `fn` alone on the session, opening it first if needed. */
  run<T>(fn: (s: HostSession) => T): Promise<T> {
    const next = this.queue.then(() => this.runNow(fn));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Probes an object the protocol does not use (PR_Employee_bus: erps.md §8 D.3). Any
   * failure means "not available"; a COM exception also drops the session, which the next
   * request reopens, so a missing class cannot stop the agent from starting.
   */
  probe(name: string, module: string, task: string): Promise<Probe> {
    return this.run(({ session }) => {
      try {
        if (session.setModule(module) === BOI_FAIL) return { available: false, reason: `SetModule failed: ${session.lastErrorMsg()}` };
        const taskId = session.lookupTask(task);
        if (taskId === BOI_FAIL || session.setProgram(taskId) === BOI_FAIL) return { available: false, reason: `SetProgram failed: ${session.lastErrorMsg()}` };
        session.newObject(name).dropObject();
        return { available: true };
      } catch (err) {
        if (err instanceof BoiUnavailableError) this.drop();
        return { available: false, reason: `NewObject failed: ${err instanceof Error ? err.message : String(err)}` };
      } finally {
        if (this.session) session.setModule('G/L');
      }
    });
  }

  close(): Promise<void> {
    return this.run(() => this.drop());
  }

  private runNow<T>(fn: (s: HostSession) => T): T {
    try {
      const session = this.ensureSession();
      return fn({ session, object: (name) => this.object(session, name) });
    } catch (err) {
      if (err instanceof BoiUnavailableError) {
        this.drop();
        throw new BoiUnavailable(err.message);
      }
      throw err;
    }
  }

  private ensureSession(): BoiSession {
    const today = this.opts.today();
    if (this.session && this.date === today) return this.session;
    if (!this.session) this.session = this.open();
    this.setDate(this.session, today);
    return this.session;
  }

  private open(): BoiSession {
    const session = this.opts.factory.openSession();
    const step = (name: string, retVal: number): void => {
      if (retVal !== BOI_FAIL) return;
      const message = `${name} failed: ${session.lastErrorMsg()}`;
      session.close();
      throw new BoiSetupFailed(message);
    };
    step('SetUser', session.setUser(this.opts.user, this.opts.password));
    step('SetCompany', session.setCompany(this.opts.company));
    return session;
  }

  private setDate(session: BoiSession, today: string): void {
    if (session.setDate('G/L', today) === BOI_FAIL || session.setModule('G/L') === BOI_FAIL) {
      throw new BoiSetupFailed(`SetDate/SetModule failed: ${session.lastErrorMsg()}`);
    }
    this.date = today;
  }

  private object(session: BoiSession, name: ObjectName): BoiObject {
    const cached = this.objects.get(name);
    if (cached) return cached;
    const task = this.opts.tasks[name] ?? OBJECTS[name].task;
    const taskId = session.lookupTask(task);
    if (taskId === BOI_FAIL || session.setProgram(taskId) === BOI_FAIL) throw new BoiSetupFailed(`SetProgram(LookupTask("${task}")) failed: ${session.lastErrorMsg()}`);
    let bo: BoiObject;
    try {
      bo = session.newObject(name);
    } catch (err) {
      if (err instanceof BoiUnavailableError) throw err;
      throw new BoiSetupFailed(`NewObject("${name}") failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.objects.set(name, bo);
    return bo;
  }

  private drop(): void {
    for (const bo of this.objects.values()) {
      try {
        bo.dropObject();
      } catch {
        // the session is going away anyway
      }
    }
    this.objects.clear();
    try {
      this.session?.close();
    } catch {
      // a broken COM session may fail to close; it is dropped either way
    }
    this.session = undefined;
    this.date = '';
  }
}
