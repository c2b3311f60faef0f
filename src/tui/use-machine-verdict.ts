/** The doctor's verdict on this machine, once it has looked (it asks Docker, so after the first frame). */
import { useEffect, useState } from 'react';
import { doctorFailed, type MachineVerdict, type MissingFor } from './home-rows.js';

export function useMachineVerdict(machine: Promise<MachineVerdict> | undefined, fallback: MissingFor): MachineVerdict | undefined {
  const [verdict, setVerdict] = useState<MachineVerdict | undefined>(undefined);
  useEffect(() => {
    let current = true;
    machine?.then(
      (found) => {
        if (current) setVerdict(found);
      },
      (error: unknown) => {
        if (current) setVerdict(doctorFailed(error, fallback));
      },
    );
    return () => {
      current = false;
    };
  }, [machine, fallback]);
  return verdict;
}
