import { Avatar, Content, Header, Page } from '@backstage/core-components';
import { ResponseErrorPanel } from '@backstage/core-components';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import CardHeader from '@material-ui/core/CardHeader';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemAvatar from '@material-ui/core/ListItemAvatar';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { DemoUser } from './DemoUser';

/** The demo users by their first group, groups in alphabetical order. */
function byGroup(users: DemoUser[]): [string, DemoUser[]][] {
  const groups = new Map<string, DemoUser[]>();
  for (const user of users) {
    const group = user.memberOf[0] ?? 'no group';
    groups.set(group, [...(groups.get(group) ?? []), user]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'en'));
}

const groupName = (ref: string) => ref.replace(/^group:(default\/)?/, '');
const userName = (ref: string) => ref.replace(/^user:(default\/)?/, '');

/** The demo's sign-in page: every User of the catalog, one click each. */
export function DemoUserPicker(props: {
  users: DemoUser[];
  onPick(user: DemoUser): void;
  error?: Error;
}) {
  return (
    <Page themeId="home">
      <Header
        title="Sign in to the ML Foundation demo"
        subtitle="Pick the person you want to be. Sign out (Settings) to become someone else, or open another tab to act as two people at once."
      />
      <Content>
        {props.error && <ResponseErrorPanel error={props.error} />}
        <Grid container spacing={3}>
          {byGroup(props.users).map(([group, members]) => (
            <Grid item xs={12} sm={6} md={4} key={group}>
              <Card>
                <CardHeader
                  title={groupName(group)}
                  titleTypographyProps={{ component: 'h2', variant: 'h6' }}
                />
                <CardContent>
                  <List dense aria-label={`Members of ${groupName(group)}`}>
                    {members.map(user => (
                      <ListItem
                        button
                        key={user.userEntityRef}
                        aria-label={`Sign in as ${user.displayName} (${userName(
                          user.userEntityRef,
                        )})`}
                        onClick={() => props.onPick(user)}
                      >
                        <ListItemAvatar>
                          <Avatar
                            displayName={user.displayName}
                            customStyles={{ width: 32, height: 32 }}
                          />
                        </ListItemAvatar>
                        <ListItemText
                          primary={user.displayName}
                          secondary={user.email}
                        />
                      </ListItem>
                    ))}
                  </List>
                </CardContent>
              </Card>
            </Grid>
          ))}
        </Grid>
        {props.users.length === 0 && !props.error && (
          <Typography>
            The catalog has no users yet: it is still reading examples/org.yaml.
            Reload in a few seconds.
          </Typography>
        )}
      </Content>
    </Page>
  );
}
