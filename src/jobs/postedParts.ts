import type { DeliveryRoute } from '../core/generation.ts';
import type { DeliveredPart } from '../storage/deliveryLog.ts';

/** The parts of one result that Discord has accepted so far, as the delivery log and Discord tell. */
export class PostedParts {
  private readonly parts: DeliveredPart[];

  constructor(parts: readonly DeliveredPart[]) {
    this.parts = [...parts].sort((a, b) => a.part - b.part);
  }

  /** Part 0, the message with the embed and buttons. */
  get head(): DeliveredPart | undefined {
    return this.parts.find((part) => part.part === 0);
  }

  get complete(): boolean {
    return this.head !== undefined && this.parts.some((part) => part.last);
  }

  /** Later parts continue on this route (a route is only left for the next one, never gone back to). */
  get lastRoute(): DeliveryRoute | undefined {
    return this.parts.at(-1)?.route;
  }

  get nextPart(): number {
    return (this.parts.at(-1)?.part ?? -1) + 1;
  }

  /** Messages sent through the interaction after its reply (Discord limits them where only it answers). */
  get followUps(): number {
    return this.parts.filter((part) => part.route === 'edit' && part.part !== 0).length;
  }

  get size(): number {
    return this.parts.length;
  }

  hasFile(name: string): boolean {
    return this.parts.some((part) => part.files.includes(name));
  }

  hasMessage(messageId: string): boolean {
    return this.parts.some((part) => part.messageId === messageId);
  }

  usedRoute(route: DeliveryRoute): boolean {
    return this.parts.some((part) => part.route === route);
  }

  add(part: DeliveredPart): void {
    this.parts.push(part);
  }
}
