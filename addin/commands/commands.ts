/**
 * The command page (FunctionFile). CalSync's ribbon buttons open the task pane, so no function commands
 * are registered; Office still requires the page to load and call Office.onReady.
 */
void Office.onReady();
