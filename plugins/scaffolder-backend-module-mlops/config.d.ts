export interface Config {
  mlops?: {
    scaffolder?: {
      /**
       * Demo only: the `mlops:publish:local` action publishes generated
       * repositories as local git repositories here. Leave unset in
       * production, where templates publish to a git host.
       */
      localPublisher?: {
        /**
         * Folder of the repositories, relative to the backend's working
         * directory, e.g. ../../.data/scaffolder-repos. A catalog file
         * location `<directory>/*\/catalog-info.yaml` lists what they hold.
         */
        directory: string;
      };
    };
  };
}
