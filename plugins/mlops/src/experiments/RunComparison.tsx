import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { TrainingRun } from '@ml-foundation/plugin-mlops-common';
import { Fragment, useMemo, useState } from 'react';
import { compareRuns, metricGoal, type ComparisonRow } from './compareRuns';

const useStyles = makeStyles(theme => ({
  // On the cells: the theme stripes every other row's background, which
  // would hide a highlight set on the row itself.
  differs: {
    '& > *': {
      backgroundColor:
        theme.palette.type === 'dark'
          ? 'rgba(255, 193, 7, 0.16)'
          : 'rgba(255, 193, 7, 0.22)',
    },
  },
  name: { whiteSpace: 'nowrap' },
  section: { fontWeight: theme.typography.fontWeightBold as number },
  value: { fontFamily: 'monospace', wordBreak: 'break-all' },
}));

function Value(props: { row: ComparisonRow; index: number }) {
  const { row, index } = props;
  const value = row.values[index];
  if (value === undefined) return <>—</>;
  if (!row.best.includes(index)) return <>{value}</>;
  return (
    <strong>
      {value}{' '}
      <span
        role="img"
        aria-label={`best ${
          metricGoal(row.name) === 'max' ? 'highest' : 'lowest'
        } value`}
      >
        ★
      </span>
    </strong>
  );
}

/**
 * Two to five runs side by side: a row per run fact, parameter, metric and
 * input, a column per run; rows where the runs differ are highlighted and a
 * metric's best value is starred.
 */
export function RunComparison(props: { runs: TrainingRun[] }) {
  const classes = useStyles();
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const rows = useMemo(() => compareRuns(props.runs), [props.runs]);
  const shown = onlyDifferences ? rows.filter(r => r.differs) : rows;
  const sections = [...new Set(shown.map(r => r.section))];
  return (
    <>
      <FormControlLabel
        control={
          <Checkbox
            checked={onlyDifferences}
            onChange={e => setOnlyDifferences(e.target.checked)}
          />
        }
        label="Only differences"
      />
      <Table size="small" aria-label="Run comparison">
        <TableHead>
          <TableRow>
            <TableCell />
            {props.runs.map(run => (
              <TableCell key={run.id}>
                {run.name}
                {run.versionRef && (
                  <>
                    {' '}
                    (<EntityRefLink entityRef={run.versionRef} />)
                  </>
                )}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {sections.map(section => (
            <Fragment key={section}>
              <TableRow>
                <TableCell
                  className={classes.section}
                  colSpan={props.runs.length + 1}
                >
                  {section}
                </TableCell>
              </TableRow>
              {shown
                .filter(r => r.section === section)
                .map(row => (
                  <TableRow
                    key={`${section}:${row.name}`}
                    className={row.differs ? classes.differs : undefined}
                    data-differs={row.differs}
                  >
                    <TableCell
                      component="th"
                      scope="row"
                      className={classes.name}
                    >
                      {row.name}
                    </TableCell>
                    {props.runs.map((run, index) => (
                      <TableCell key={run.id} className={classes.value}>
                        <Value row={row} index={index} />
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
            </Fragment>
          ))}
        </TableBody>
      </Table>
    </>
  );
}
