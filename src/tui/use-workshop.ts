/** The workshop's state in React: the reducer's state, and a dispatch that carries out its effects. */
import { useCallback, useRef, useState } from 'react';
import { workshopReducer, type WorkshopAction, type WorkshopEffect, type WorkshopState } from './workshop-state.js';
import type { Dispatch } from './workshop-effects.js';

export function useWorkshop(init: () => WorkshopState, carryOut: (effect: WorkshopEffect, dispatch: Dispatch) => void): [WorkshopState, Dispatch] {
  const [state, setState] = useState(init);
  // Ink hands over keys that arrive in one read one after another, before React renders again (Down Down
  // Enter, two Enters): each must act on the state the one before left, so actions apply to the newest
  // state, kept here, rather than to the state of the last render.
  const newest = useRef(state);
  const dispatch: Dispatch = useCallback(
    (action) => {
      function apply(next: WorkshopAction): void {
        const update = workshopReducer(newest.current, next);
        newest.current = update.state;
        setState(update.state);
        for (const effect of update.effects) carryOut(effect, apply);
      }
      apply(action);
    },
    [carryOut],
  );
  return [state, dispatch];
}
