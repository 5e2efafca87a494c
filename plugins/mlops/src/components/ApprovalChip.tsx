import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';

/** A model version's approval status, with its colour. */
export function ApprovalChip(props: { status?: string }) {
  switch (props.status) {
    case 'Approved':
      return <StatusOK>Approved</StatusOK>;
    case 'Rejected':
      return <StatusError>Rejected</StatusError>;
    case 'PendingManualApproval':
      return <StatusPending>Pending approval</StatusPending>;
    default:
      return <>—</>;
  }
}
