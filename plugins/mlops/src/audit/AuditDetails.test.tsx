import { render, screen } from '@testing-library/react';
import { AuditDetails } from './AuditDetails';

describe('AuditDetails', () => {
  it('shows each detail on its own line, lists as lists', () => {
    render(
      <AuditDetails
        details={{
          approvers: [
            'user:default/grace.adeyemi',
            'user:default/oliver.brennan',
          ],
          targetStage: 'production',
          evidence: { minApprovals: 2 },
        }}
      />,
    );
    expect(
      screen.getByText(
        'user:default/grace.adeyemi, user:default/oliver.brennan',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('targetStage:')).toBeInTheDocument();
    expect(screen.getByText('production')).toBeInTheDocument();
    expect(screen.getByText('{"minApprovals":2}')).toBeInTheDocument();
  });
});
