/** The workshop's reducer applied to actions in turn, as the app does: the last state, and every effect asked for. */
import { workshopReducer, type WorkshopAction, type WorkshopEffect, type WorkshopState } from '../../src/tui/workshop-state.js';

export function applyActions(state: WorkshopState, ...actions: WorkshopAction[]): { state: WorkshopState; effects: WorkshopEffect[] } {
  const effects: WorkshopEffect[] = [];
  for (const action of actions) {
    const update = workshopReducer(state, action);
    state = update.state;
    effects.push(...update.effects);
  }
  return { state, effects };
}
